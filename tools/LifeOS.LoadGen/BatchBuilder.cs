using System.Diagnostics;
using System.Text.Json;

namespace LifeOS.LoadGen;

/// <summary>A request body ready to send, with what it carries per device so its acknowledgement can be checked.</summary>
public sealed class EncodedBatch(PooledBufferWriter body, int eventCount, int firstDevice, int[] counts, long[] lastSeqs)
    : IDisposable
{
    public ReadOnlyMemory<byte> Body => body.WrittenMemory;

    public int EventCount => eventCount;

    /// <summary>The lane device of event 0; event i came from device (FirstDevice + i) mod devices (round-robin).</summary>
    public int FirstDevice => firstDevice;

    /// <summary>Events per device of the lane (indexes as in <see cref="BatchBuilder.Devices"/>).</summary>
    public int[] Counts => counts;

    /// <summary>Highest seq per device of the lane in this batch; 0 where the batch has none of its events.</summary>
    public long[] LastSeqs => lastSeqs;

    public void Dispose() => body.Dispose();
}

/// <summary>Builds one lane's request bodies: events drawn round-robin from its devices, serialized into pooled buffers.</summary>
public sealed class BatchBuilder : IDisposable
{
    // Accelerometer events, the bulk of the traffic, are ~190 bytes with a long run tag.
    private const int BytesPerEventEstimate = 200;
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private readonly DeviceSimulator[] _devices;
    private readonly JsonEncodedText[] _encodedNames;
    private readonly int _batchSize;
    private readonly PayloadFormat _format;
    private readonly Utf8JsonWriter _writer;
    private int _nextDevice;
    private long _generationTicks;

    public BatchBuilder(DeviceSimulator[] devices, int batchSize, PayloadFormat format)
    {
        _devices = devices;
        _encodedNames = [.. devices.Select(d => JsonEncodedText.Encode(d.Name))];
        _batchSize = batchSize;
        _format = format;
        _writer = new Utf8JsonWriter(Stream.Null, WriterOptions);
    }

    public IReadOnlyList<DeviceSimulator> Devices => _devices;

    /// <summary>Time spent building bodies, to show the generator is not what limits the run.</summary>
    public TimeSpan GenerationTime => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _generationTicks));

    public EncodedBatch Build()
    {
        var started = Stopwatch.GetTimestamp();
        var body = new PooledBufferWriter(_batchSize * BytesPerEventEstimate);
        var counts = new int[_devices.Length];
        var lastSeqs = new long[_devices.Length];
        var firstDevice = _nextDevice;
        _writer.Reset(body);
        if (_format == PayloadFormat.Json)
            _writer.WriteStartArray();

        for (var i = 0; i < _batchSize; i++)
        {
            var d = _nextDevice;
            _nextDevice = (_nextDevice + 1) % _devices.Length;
            var e = _devices[d].Next();
            counts[d]++;
            lastSeqs[d] = e.Seq;
            EventJson.WriteEvent(_writer, _devices[d].Name, _encodedNames[d], e);
            if (_format == PayloadFormat.Ndjson)
            {
                // Each line is its own JSON document: flush, end the line, start the writer afresh.
                _writer.Flush();
                body.GetSpan(1)[0] = (byte)'\n';
                body.Advance(1);
                _writer.Reset(body);
            }
        }

        if (_format == PayloadFormat.Json)
            _writer.WriteEndArray();
        _writer.Flush();
        Interlocked.Add(ref _generationTicks, Stopwatch.GetTimestamp() - started);
        return new EncodedBatch(body, _batchSize, firstDevice, counts, lastSeqs);
    }

    public void Dispose() => _writer.Dispose();
}
