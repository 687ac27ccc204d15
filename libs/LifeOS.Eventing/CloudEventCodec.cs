using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LifeOS.Contracts;

namespace LifeOS.Eventing;

/// <summary>Maps <see cref="LifeEvent"/> to log messages in CloudEvents binary mode (Kafka protocol binding).</summary>
/// <remarks>Attributes travel as <c>ce_</c> headers and the data alone is the value, so consumers can route on headers without parsing payloads.</remarks>
public static class CloudEventCodec
{
    public const string SpecVersionHeader = "ce_specversion";
    public const string IdHeader = "ce_id";
    public const string TypeHeader = "ce_type";
    public const string SourceHeader = "ce_source";
    public const string TimeHeader = "ce_time";
    public const string SubjectHeader = "ce_subject";
    public const string DeviceHeader = "ce_device";
    public const string SeqHeader = "ce_seq";
    public const string UserHeader = "ce_user";
    public const string ContentTypeHeader = "content-type";
    public const string TraceParentHeader = "traceparent";

    public static OutgoingMessage Encode(LifeEvent lifeEvent, TopicDefinition topic)
    {
        var headers = new Dictionary<string, string>(12, StringComparer.Ordinal)
        {
            [SpecVersionHeader] = LifeEvent.SpecVersion,
            [IdHeader] = lifeEvent.Id,
            [TypeHeader] = lifeEvent.Type,
            [SourceHeader] = lifeEvent.Source,
            [TimeHeader] = Timestamps.Format(lifeEvent.Time),
            [DeviceHeader] = lifeEvent.Device,
            [SeqHeader] = lifeEvent.Seq.ToString(CultureInfo.InvariantCulture),
            [UserHeader] = lifeEvent.User,
            [ContentTypeHeader] = lifeEvent.DataContentType,
        };
        if (lifeEvent.Subject is not null)
            headers[SubjectHeader] = lifeEvent.Subject;

        // The W3C trace context lets one trace follow the event from the HTTP request through every worker.
        if (Activity.Current is { } activity)
            headers[TraceParentHeader] = activity.Id!;

        var value = JsonSerializer.SerializeToUtf8Bytes(lifeEvent.Data);
        return new OutgoingMessage(topic.Name, TopicCatalogue.KeyOf(topic, lifeEvent), value, headers, lifeEvent.Time);
    }

    /// <summary>Reads an event back; its data stays in <paramref name="document"/>, which the caller disposes after use (no copy).</summary>
    /// <exception cref="FormatException">A required attribute is missing or malformed.</exception>
    public static LifeEvent Decode(LogMessage message, out JsonDocument document)
    {
        document = JsonDocument.Parse(message.Value);
        try
        {
            return Decode(message, document.RootElement);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static LifeEvent Decode(LogMessage message, JsonElement data)
    {
        var headers = message.Headers;
        return new LifeEvent
        {
            Id = Required(headers, IdHeader),
            Type = Required(headers, TypeHeader),
            Source = Required(headers, SourceHeader),
            Time = Timestamps.TryParse(Required(headers, TimeHeader), out var time)
                ? time
                : throw new FormatException($"{TimeHeader} is not an RFC 3339 timestamp"),
            Subject = headers.GetValueOrDefault(SubjectHeader),
            DataContentType = headers.GetValueOrDefault(ContentTypeHeader) ?? LifeEvent.JsonContentType,
            Device = Required(headers, DeviceHeader),
            Seq = long.TryParse(Required(headers, SeqHeader), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seq)
                ? seq
                : throw new FormatException($"{SeqHeader} is not an integer"),
            User = Required(headers, UserHeader),
            Data = data,
        };
    }

    private static string Required(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value : throw new FormatException($"missing header {name}");
}
