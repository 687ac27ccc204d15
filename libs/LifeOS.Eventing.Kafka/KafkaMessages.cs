using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace LifeOS.Eventing.Kafka;

/// <summary>Maps the log's messages to Kafka records and back; headers travel as Kafka headers with UTF-8 values.</summary>
/// <remarks>
/// The CloudEvents Kafka binding in binary mode puts every attribute in a <c>ce_</c> header and the W3C trace
/// context in <c>traceparent</c>, so these pass through unchanged and other Kafka clients can read them.
/// </remarks>
public static class KafkaMessages
{
    public static Message<string, byte[]> ToKafka(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = new Headers();
        foreach (var (name, value) in message.Headers)
            headers.Add(name, Encoding.UTF8.GetBytes(value));

        return new Message<string, byte[]>
        {
            Key = message.Key,
            Value = AsArray(message.Value),
            Headers = headers,
            Timestamp = new Timestamp(message.Timestamp),
        };
    }

    public static LogMessage FromKafka(ConsumeResult<string, byte[]> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var record = result.Message;
        var headers = new Dictionary<string, string>(record.Headers?.Count ?? 0, StringComparer.Ordinal);
        if (record.Headers is not null)
        {
            // Kafka allows a name twice; as with HTTP-style maps, the last one wins.
            foreach (var header in record.Headers)
                headers[header.Key] = header.GetValueBytes() is { } bytes ? Encoding.UTF8.GetString(bytes) : "";
        }

        return new LogMessage(
            result.Topic,
            result.Partition.Value,
            result.Offset.Value,
            record.Key ?? "",
            record.Value ?? [],
            headers,
            DateTimeOffset.FromUnixTimeMilliseconds(record.Timestamp.UnixTimestampMs));
    }

    // The client copies the value into librdkafka anyway; a whole array goes as is, a slice is copied once.
    private static byte[] AsArray(ReadOnlyMemory<byte> value) =>
        MemoryMarshal.TryGetArray(value, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : value.ToArray();
}
