using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace LifeOS.Vectors.Embedded.Persistence;

/// <summary>The byte layout of log records: a frame (body length, CRC-32C of the body) followed by the body.</summary>
/// <remarks>
/// Little-endian throughout; vectors are raw IEEE float32. The CRC tells a record torn by a crash from a whole one,
/// so recovery can cut the log back to its last complete record.
/// </remarks>
internal static class RecordCodec
{
    public const int FrameSize = 8;

    private const byte Upsert = 1;
    private const byte DeleteIds = 2;
    private const byte DeleteFilter = 3;

    /// <summary>Appends one framed upsert record; returns its offset within the writer.</summary>
    public static int WriteUpsert(ArrayBufferWriter<byte> writer, string id, ReadOnlySpan<float> unit, VectorPayload payload)
    {
        var body = new BodyWriter(writer);
        body.Add(Upsert);
        body.Add(id);
        body.Add(payload.User);
        body.Add(payload.Type);
        body.Add(VectorTime.ToMicros(payload.Time));
        body.AddNullable(payload.SourceId);
        body.Add(payload.ChunkPosition);
        body.AddNullable(payload.Model);
        body.AddNullable(payload.Text);
        body.Add(MemoryMarshal.AsBytes(unit));
        return body.Finish();
    }

    public static int WriteDeleteIds(ArrayBufferWriter<byte> writer, IReadOnlyCollection<string> ids)
    {
        var body = new BodyWriter(writer);
        body.Add(DeleteIds);
        body.Add(ids.Count);
        foreach (var id in ids)
            body.Add(id);
        return body.Finish();
    }

    public static int WriteDeleteFilter(ArrayBufferWriter<byte> writer, VectorFilter filter)
    {
        var body = new BodyWriter(writer);
        body.Add(DeleteFilter);
        body.Add(filter.User);
        body.Add(filter.Types?.Count ?? -1);
        foreach (var type in filter.Types ?? [])
            body.Add(type);
        body.Add(filter.From is { } from ? VectorTime.ToMicros(from) : long.MinValue);
        body.Add(filter.To is { } to ? VectorTime.ToMicros(to) : long.MaxValue);
        body.AddNullable(filter.SourceId);
        return body.Finish();
    }

    /// <summary>Decodes a record body that passed its CRC check.</summary>
    public static LogRecord Read(ReadOnlySpan<byte> body, int dimension)
    {
        var reader = new BodyReader(body);
        switch (reader.Byte())
        {
            case Upsert:
                var id = reader.String();
                var payload = new VectorPayload(
                    User: reader.String(),
                    Type: reader.String(),
                    Time: VectorTime.FromMicros(reader.Int64()),
                    SourceId: reader.NullableString(),
                    ChunkPosition: reader.Int32(),
                    Model: reader.NullableString(),
                    Text: reader.NullableString());
                var unit = reader.Floats(dimension);
                return new UpsertRecord(id, unit, payload);
            case DeleteIds:
                var ids = new string[reader.Int32()];
                for (var i = 0; i < ids.Length; i++)
                    ids[i] = reader.String();
                return new DeleteIdsRecord(ids);
            case DeleteFilter:
                var user = reader.String();
                var typeCount = reader.Int32();
                string[]? types = null;
                if (typeCount >= 0)
                {
                    types = new string[typeCount];
                    for (var i = 0; i < typeCount; i++)
                        types[i] = reader.String();
                }

                var fromMicros = reader.Int64();
                var toMicros = reader.Int64();
                return new DeleteFilterRecord(new VectorFilter(
                    user,
                    types,
                    fromMicros == long.MinValue ? null : VectorTime.FromMicros(fromMicros),
                    toMicros == long.MaxValue ? null : VectorTime.FromMicros(toMicros),
                    reader.NullableString()));
            case var kind:
                throw new InvalidDataException($"unknown vector log record kind {kind}");
        }
    }

    public static uint Checksum(ReadOnlySpan<byte> body)
    {
        var crc = 0xFFFF_FFFFu;
        while (body.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(body));
            body = body[8..];
        }

        foreach (var b in body)
            crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }

    /// <summary>Writes one record: reserves the frame, takes the body's fields, then fills in the frame.</summary>
    private readonly struct BodyWriter
    {
        private readonly ArrayBufferWriter<byte> _writer;
        private readonly int _start;

        public BodyWriter(ArrayBufferWriter<byte> writer)
        {
            _writer = writer;
            _start = writer.WrittenCount;
            writer.GetSpan(FrameSize)[..FrameSize].Clear();
            writer.Advance(FrameSize);
        }

        /// <summary>Fills in the frame now that the body's length is known; returns the record's offset in the writer.</summary>
        public int Finish()
        {
            var written = MemoryMarshal.AsMemory(_writer.WrittenMemory).Span;
            var body = written[(_start + FrameSize)..];
            BinaryPrimitives.WriteInt32LittleEndian(written[_start..], body.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(written[(_start + 4)..], Checksum(body));
            return _start;
        }

        public void Add(byte value)
        {
            _writer.GetSpan(1)[0] = value;
            _writer.Advance(1);
        }

        public void Add(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_writer.GetSpan(4), value);
            _writer.Advance(4);
        }

        public void Add(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_writer.GetSpan(8), value);
            _writer.Advance(8);
        }

        public void Add(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            Add(length);
            Encoding.UTF8.GetBytes(value, _writer.GetSpan(length));
            _writer.Advance(length);
        }

        public void AddNullable(string? value)
        {
            if (value is null)
            {
                Add(-1);
                return;
            }

            Add(value);
        }

        public void Add(ReadOnlySpan<byte> bytes) => _writer.Write(bytes);
    }

    /// <summary>Reads primitive fields back; a field running past the body means the record is not what it claims.</summary>
    private ref struct BodyReader(ReadOnlySpan<byte> body)
    {
        private ReadOnlySpan<byte> _rest = body;

        public byte Byte() => Take(1)[0];

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public string String()
        {
            var length = Int32();
            if (length < 0)
                throw new InvalidDataException("vector log record has a null where a string is required");
            return Encoding.UTF8.GetString(Take(length));
        }

        public string? NullableString()
        {
            var length = Int32();
            return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
        }

        public float[] Floats(int count)
        {
            var values = new float[count];
            Take(count * sizeof(float)).CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || count > _rest.Length)
                throw new InvalidDataException("vector log record is shorter than its fields");
            var taken = _rest[..count];
            _rest = _rest[count..];
            return taken;
        }
    }
}
