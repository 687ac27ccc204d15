using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace LifeOS.Eventing.Embedded;

/// <summary>Packs the messages of one append to one partition into a single blob, like a Kafka record batch.</summary>
/// <remarks>
/// One row per batch instead of one per message makes an append cost one b-tree insert, whatever its size: the
/// per-message work left is copying bytes. Layout per message: key, timestamp (ms), headers, value, each length-prefixed.
/// </remarks>
internal static class MessageBatchCodec
{
    public static byte[] Encode(IReadOnlyList<OutgoingMessage> messages)
    {
        var buffer = new ArrayBufferWriter<byte>(messages.Count * 256);
        foreach (var message in messages)
        {
            WriteBytes(buffer, Encoding.UTF8.GetBytes(message.Key));
            BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), message.Timestamp.ToUnixTimeMilliseconds());
            buffer.Advance(8);
            WriteBytes(buffer, HeaderCodec.Encode(message.Headers));
            WriteBytes(buffer, message.Value.Span);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes the messages at positions <paramref name="basePos"/>.. and keeps those at or after <paramref name="from"/>.</summary>
    public static void Decode(
        string topic, int partition, long basePos, ReadOnlyMemory<byte> payload, long from, int limit, List<LogMessage> into)
    {
        var at = 0;
        var span = payload.Span;
        for (var pos = basePos; at < span.Length && limit > 0; pos++)
        {
            var key = ReadSlice(span, ref at);
            var timestamp = BinaryPrimitives.ReadInt64LittleEndian(span[at..]);
            at += 8;
            var headers = ReadSlice(span, ref at);
            var valueStart = at + 4;
            var value = ReadSlice(span, ref at);
            if (pos < from)
                continue;

            into.Add(new LogMessage(
                topic,
                partition,
                pos,
                Encoding.UTF8.GetString(key),
                payload.Slice(valueStart, value.Length),
                HeaderCodec.Decode(headers),
                DateTimeOffset.FromUnixTimeMilliseconds(timestamp)));
            limit--;
        }
    }

    private static void WriteBytes(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), bytes.Length);
        buffer.Advance(4);
        buffer.Write(bytes);
    }

    private static ReadOnlySpan<byte> ReadSlice(ReadOnlySpan<byte> span, ref int at)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
        var slice = span.Slice(at + 4, length);
        at += 4 + length;
        return slice;
    }
}
