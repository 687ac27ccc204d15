using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LifeOS.Contracts;
using LifeOS.Identity;

namespace LifeOS.Ingestion;

/// <summary>Turns one client event (JSON) into a validated envelope, or explains exactly which field is wrong.</summary>
public static class EventValidator
{
    public const int MaxDeviceLength = 128;
    public const int MaxIdLength = 128;
    // JSON numbers above 2^53 lose precision in JavaScript clients; a seq beyond it is a bug, not a device.
    public const long MaxSeq = 9_007_199_254_740_991;

    /// <summary>Validates <paramref name="element"/>; returns null and sets <paramref name="error"/> when it is not acceptable.</summary>
    /// <param name="bytesAttached">True for media uploads and audio frames, whose bytes arrived with the event and are in the blob store.</param>
    public static IngestCandidate? Validate(JsonElement element, int index, Caller caller, out string? error, bool bytesAttached = false)
    {
        var errors = new List<string>();
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "event: must be a JSON object";
            return null;
        }

        if (DuplicateKeys.FirstIn(element, "event") is { } repeated)
        {
            error = $"{(repeated.StartsWith("event.", StringComparison.Ordinal) ? repeated["event.".Length..] : repeated)}: repeats a key; each field may appear once";
            return null;
        }

        var type = RequiredString(element, "type", 200, errors);
        var device = RequiredString(element, "device", MaxDeviceLength, errors);
        var seq = ReadSeq(element, errors);
        var time = ReadTime(element, errors);
        var clientId = OptionalId(element, errors);

        TopicDefinition? topic = null;
        if (type is not null && !TopicCatalogue.TryGetByEventType(type, out topic))
            errors.Add($"type: unknown event type '{Truncate(type)}'");
        else if (topic?.Projection == StoreProjection.Media && !bytesAttached)
            errors.Add($"type: {type} carries bytes; upload it to POST /v1/media or send a binary frame on /v1/stream");

        if (device is not null && caller.CannotSendFor(device) is { } forbidden)
            errors.Add("device: " + forbidden);
        if (type is not null && caller.CannotSendType(type) is { } notThisType)
            errors.Add("type: " + notThisType);

        if (bytesAttached && topic is not null && topic.Projection != StoreProjection.Media)
            errors.Add($"type: {topic.EventType} carries no bytes; send it to POST /v1/ingest");

        if (!element.TryGetProperty("data", out var data))
            errors.Add("data: is required");
        else if (topic is not null)
            topic.Schema.Validate(data, "data", errors);

        if (errors.Count > 0)
        {
            error = string.Join("; ", errors);
            return null;
        }

        error = null;
        return Candidate(index, topic!, device!, seq, time, clientId, caller.UserId, data);
    }

    /// <summary>Builds a candidate from parts already checked elsewhere (media uploads, audio frames).</summary>
    public static IngestCandidate Candidate(
        int index, TopicDefinition topic, string device, long seq, DateTimeOffset time, string? clientId, string user, JsonElement data) =>
        new(index, new LifeEvent
        {
            Id = clientId ?? DerivedId(user, device, seq),
            Type = topic.EventType!,
            Source = LifeEvent.SourceFor(device),
            Time = time,
            Device = device,
            Seq = seq,
            User = user,
            Data = data,
        }, topic, clientId);

    /// <summary>The id of an event the client did not name: derived from (user, device, seq), so a retry gets the same id.</summary>
    public static string DerivedId(string user, string device, long seq)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{user}\n{device}\n{seq}"), hash);
        return new Guid(hash[..16]).ToString("N");
    }

    private static string? RequiredString(JsonElement element, string name, int maxLength, List<string> errors)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add($"{name}: is required");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{name}: must be a string");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length == 0 || text.Length > maxLength || text.Any(char.IsControl))
        {
            errors.Add($"{name}: must be 1 to {maxLength} characters without control characters");
            return null;
        }

        return text;
    }

    private static long ReadSeq(JsonElement element, List<string> errors)
    {
        if (!element.TryGetProperty("seq", out var value) || value.ValueKind == JsonValueKind.Null)
            errors.Add("seq: is required (the device's own increasing sequence number)");
        else if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seq) || seq < 0 || seq > MaxSeq)
            errors.Add($"seq: must be a whole number between 0 and {MaxSeq}");
        else
            return seq;
        return -1;
    }

    private static DateTimeOffset ReadTime(JsonElement element, List<string> errors)
    {
        if (!element.TryGetProperty("time", out var value) || value.ValueKind == JsonValueKind.Null)
            errors.Add("time: is required");
        else if (Timestamps.ParseEventTime(value.ValueKind == JsonValueKind.String ? value.GetString() : null, out var time) is { } error)
            errors.Add("time: " + error);
        else
            return time;
        return default;
    }

    private static string? OptionalId(JsonElement element, List<string> errors)
    {
        if (!element.TryGetProperty("id", out var value) || value.ValueKind == JsonValueKind.Null)
            return null;

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 and <= MaxIdLength } id || id.Any(char.IsControl))
        {
            errors.Add($"id: must be a string of 1 to {MaxIdLength} characters without control characters");
            return null;
        }

        return id;
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
