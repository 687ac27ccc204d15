using System.Buffers.Binary;
using System.Text;

namespace LifeOS.Eventing;

/// <summary>A compact binary form of message headers for logs that store them as one column.</summary>
public static class HeaderCodec
{
    public static byte[] Encode(IReadOnlyDictionary<string, string> headers)
    {
        var size = 4;
        foreach (var (key, value) in headers)
            size += 8 + Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);

        var buffer = new byte[size];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, headers.Count);
        var at = 4;
        foreach (var (key, value) in headers)
        {
            at = WriteString(buffer, at, key);
            at = WriteString(buffer, at, value);
        }

        return buffer;
    }

    public static Dictionary<string, string> Decode(ReadOnlySpan<byte> buffer)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(buffer);
        var headers = new Dictionary<string, string>(count, StringComparer.Ordinal);
        var at = 4;
        for (var i = 0; i < count; i++)
        {
            var key = ReadString(buffer, ref at);
            headers[key] = ReadString(buffer, ref at);
        }

        return headers;
    }

    private static int WriteString(byte[] buffer, int at, string text)
    {
        var length = Encoding.UTF8.GetBytes(text, 0, text.Length, buffer, at + 4);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at), length);
        return at + 4 + length;
    }

    private static string ReadString(ReadOnlySpan<byte> buffer, ref int at)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(buffer[at..]);
        var text = Encoding.UTF8.GetString(buffer.Slice(at + 4, length));
        at += 4 + length;
        return text;
    }
}
