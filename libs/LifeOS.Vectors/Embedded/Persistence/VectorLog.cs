using System.Buffers.Binary;

namespace LifeOS.Vectors.Embedded.Persistence;

/// <summary>The collection's append-only log file: a header, then framed records; every append is fsynced before it returns.</summary>
internal sealed class VectorLog : IDisposable
{
    public const int HeaderSize = 16;
    public const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "LOSVECT1"u8;

    private FileStream _file;
    private long _length;
    private bool _broken;

    private VectorLog(string path, FileStream file)
    {
        Path = path;
        _file = file;
        _length = file.Length;
    }

    public string Path { get; }

    /// <summary>Bytes in the file, tracked rather than asked of the file so readers never touch a handle being swapped.</summary>
    public long Length => Volatile.Read(ref _length);

    /// <summary>Records currently in the file, live or superseded.</summary>
    public long Records { get; private set; }

    /// <summary>Bytes cut from the end on open because the last record was incomplete (a crash mid-append).</summary>
    public long TruncatedBytes { get; private set; }

    /// <summary>Where the cut bytes were kept, in case they were more than a torn record; null when nothing was cut.</summary>
    public string? TruncatedCopyPath { get; private set; }

    /// <summary>Opens (or creates) the log and replays every complete record, in order, into <paramref name="apply"/>.</summary>
    public static VectorLog Open(string path, int dimension, Action<LogRecord, long> apply)
    {
        var created = !File.Exists(path);
        var file = OpenFile(path);
        var log = new VectorLog(path, file);
        try
        {
            if (file.Length < HeaderSize)
            {
                // New, or a crash before the header reached the disk: either way nothing was ever acknowledged.
                log.WriteHeader(dimension);
                if (created)
                    DirectorySync.Flush(System.IO.Path.GetDirectoryName(path)!);
                return log;
            }

            log.CheckHeader(dimension);
            log.Replay(dimension, apply);
            return log;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends encoded records and waits until they are on disk; returns the file offset of the first byte.</summary>
    public long Append(ReadOnlySpan<byte> records, int recordCount)
    {
        if (_broken)
            throw new InvalidOperationException($"an earlier write to the vector log '{Path}' failed; reopen the index to recover from the file");

        var offset = _length;
        try
        {
            _file.Position = offset;
            _file.Write(records);
            _file.Flush(flushToDisk: true);
        }
        catch
        {
            // Half a record followed by later appends would end replay early and lose them: cut back to the last whole
            // record, and stop writing, because after a failed fsync what reached the disk is unknown.
            _broken = true;
            try
            {
                _file.SetLength(offset);
            }
            catch (IOException)
            {
                // Reopening finds the torn tail by its checksum and cuts it then.
            }

            throw;
        }

        Volatile.Write(ref _length, offset + records.Length);
        Records += recordCount;
        return offset;
    }

    /// <summary>Reads the whole framed record that starts at an offset (used by compaction).</summary>
    public byte[] ReadFramed(long offset)
    {
        Span<byte> frame = stackalloc byte[RecordCodec.FrameSize];
        RandomAccess.Read(_file.SafeFileHandle, frame, offset);
        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(frame);
        var framed = new byte[RecordCodec.FrameSize + bodyLength];
        var read = RandomAccess.Read(_file.SafeFileHandle, framed, offset);
        if (read != framed.Length)
            throw new InvalidDataException($"vector log '{Path}' ends inside the record at offset {offset}");
        return framed;
    }

    /// <summary>Switches to a compacted file that has replaced this one on disk.</summary>
    public void Reopen(long records)
    {
        _file.Dispose();
        _file = OpenFile(Path);
        Volatile.Write(ref _length, _file.Length);
        Records = records;
    }

    public void Dispose() => _file.Dispose();

    public static void WriteHeader(FileStream file, int dimension)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], dimension);
        file.SetLength(0);
        file.Position = 0;
        file.Write(header);
        file.Flush(flushToDisk: true);
    }

    private void WriteHeader(int dimension)
    {
        WriteHeader(_file, dimension);
        _length = HeaderSize;
    }

    private static FileStream OpenFile(string path) =>
        // ReadWrite sharing lets a second open after a crash (or a test's reopen without dispose) read the same file.
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);

    private void CheckHeader(int dimension)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        _file.Position = 0;
        _file.ReadExactly(header);
        if (!header[..8].SequenceEqual(Magic))
            throw new InvalidDataException($"'{Path}' is not a LifeOS vector log");
        var version = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (version != FormatVersion)
            throw new InvalidDataException($"vector log '{Path}' has format version {version}; this build reads version {FormatVersion}");
        var stored = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        if (stored != dimension)
            throw new InvalidOperationException(
                $"the vector collection at '{System.IO.Path.GetDirectoryName(Path)}' holds {stored}-dimension vectors; " +
                $"this index is configured for {dimension}. Use another collection name or re-embed into a new collection.");
    }

    private void Replay(int dimension, Action<LogRecord, long> apply)
    {
        // A record larger than this cannot have been written by this code: treat it as a torn length field.
        var maxBody = 64 * 1024 * 1024 + (dimension * sizeof(float));
        var length = _file.Length;
        var offset = (long)HeaderSize;
        // A second handle for the sequential read, so disposing it leaves the append handle open.
        using var reader = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20, FileOptions.SequentialScan);
        reader.Position = offset;
        Span<byte> frame = stackalloc byte[RecordCodec.FrameSize];
        var body = new byte[64 * 1024];
        while (offset + RecordCodec.FrameSize <= length)
        {
            reader.ReadExactly(frame);
            var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(frame);
            var checksum = BinaryPrimitives.ReadUInt32LittleEndian(frame[4..]);
            if (bodyLength <= 0 || bodyLength > maxBody || offset + RecordCodec.FrameSize + bodyLength > length)
                break;
            if (body.Length < bodyLength)
                body = new byte[Math.Max(bodyLength, body.Length * 2)];
            var span = body.AsSpan(0, bodyLength);
            reader.ReadExactly(span);
            if (RecordCodec.Checksum(span) != checksum)
                break;
            apply(RecordCodec.Read(span, dimension), offset);
            Records++;
            offset += RecordCodec.FrameSize + bodyLength;
        }

        if (offset < length)
        {
            // The tail after the last whole record is what a crash mid-append leaves, never acknowledged. Damage in the
            // middle of the file looks the same from here, so the cut bytes are kept beside the log rather than destroyed.
            TruncatedBytes = length - offset;
            TruncatedCopyPath = $"{Path}.cut-at-{offset}";
            using (var copy = new FileStream(TruncatedCopyPath, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                reader.Position = offset;
                reader.CopyTo(copy);
                copy.Flush(flushToDisk: true);
            }

            _file.SetLength(offset);
            _file.Flush(flushToDisk: true);
            _length = offset;
        }
    }
}
