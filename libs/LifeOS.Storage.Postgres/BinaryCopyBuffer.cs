using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace LifeOS.Storage.Postgres;

/// <summary>Rows encoded in PostgreSQL's binary COPY format, in one pooled buffer, for a raw binary COPY.</summary>
/// <remarks>
/// Encoding here instead of value by value through Npgsql's importer takes the client's share of a bulk write from most of
/// the batch time to a few percent: no per-value converter lookup or await, no allocation per row. The format is the
/// documented one (PostgreSQL manual, COPY, "Binary Format"): a signature, then per row a field count and each field as
/// a big-endian length (-1 for NULL) followed by the type's binary form; text and json are their UTF-8 bytes.
/// </remarks>
internal sealed class BinaryCopyBuffer : IDisposable
{
    private static readonly byte[] Signature = [.. "PGCOPY\n"u8, 0xFF, (byte)'\r', (byte)'\n', 0];
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private byte[] _buffer;
    private int _length;

    public BinaryCopyBuffer(int capacity = 1 << 16)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        Append(Signature);
        Int32Raw(0); // flags: no OIDs
        Int32Raw(0); // header extension length
    }

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public void StartRow(short fields)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), fields);
        _length += 2;
    }

    public void Text(string value)
    {
        Ensure(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    /// <summary>A text or json value already in UTF-8.</summary>
    public void Utf8(ReadOnlySpan<byte> value)
    {
        Ensure(4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value.Length);
        value.CopyTo(_buffer.AsSpan(_length + 4));
        _length += 4 + value.Length;
    }

    public void Int16(short value)
    {
        Ensure(6);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), 2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length + 4), value);
        _length += 6;
    }

    public void Int32(int value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), 4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length + 4), value);
        _length += 8;
    }

    public void Int64(long value)
    {
        Ensure(12);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), 8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length + 4), value);
        _length += 12;
    }

    public void Double(double value)
    {
        Ensure(12);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), 8);
        BinaryPrimitives.WriteDoubleBigEndian(_buffer.AsSpan(_length + 4), value);
        _length += 12;
    }

    public void Double(double? value)
    {
        if (value is { } number)
            Double(number);
        else
            Null();
    }

    /// <summary>A timestamptz: microseconds since 2000-01-01 UTC (the time is already whole microseconds, see <see cref="PgTime"/>).</summary>
    public void TimestampTz(DateTime utc) => Int64((utc.Ticks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);

    public void Null()
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), -1);
        _length += 4;
    }

    /// <summary>Ends the data; call once, after the last row.</summary>
    public void Finish()
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        _length += 2;
    }

    private void Int32Raw(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
            return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
