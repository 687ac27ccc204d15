using System.Diagnostics;
using System.Threading.Channels;

namespace LifeOS.LoadGen;

/// <summary>One sequential sender with its own share of the devices, fed by a generator running a few batches ahead.</summary>
/// <remarks>
/// A device's events travel in exactly one lane, one request at a time, so they reach the server in seq order however
/// many lanes run: two in-flight requests holding one device's seqs could otherwise be applied in either order.
/// </remarks>
public sealed class Lane : IDisposable
{
    private const int BatchesAhead = 4;
    private const int AnomaliesShown = 5;
    private static int _warningsPrinted;

    private readonly BatchBuilder _builder;
    private readonly int[] _deviceIndexes;
    private readonly PayloadFormat _format;
    private readonly Channel<EncodedBatch> _ready =
        Channel.CreateBounded<EncodedBatch>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
    private readonly long[] _ackedPerDevice;
    private long _accepted;
    private long _duplicates;
    private long _rejected;
    private long _requests;
    private long _failedRequests;
    private long _failedEvents;
    private long _anomalies;
    private long _bytesSent;

    /// <param name="deviceIndexes">The run-wide indexes of <paramref name="devices"/>, to report acks per device.</param>
    public Lane(DeviceSimulator[] devices, int[] deviceIndexes, int batchSize, PayloadFormat format)
    {
        _builder = new BatchBuilder(devices, batchSize, format);
        _deviceIndexes = deviceIndexes;
        _format = format;
        _ackedPerDevice = new long[devices.Length];
    }

    public long Acknowledged => Accepted + Duplicates;

    public long Accepted => Volatile.Read(ref _accepted);

    public long Duplicates => Volatile.Read(ref _duplicates);

    public long Rejected => Volatile.Read(ref _rejected);

    public long Requests => Volatile.Read(ref _requests);

    public long FailedRequests => Volatile.Read(ref _failedRequests);

    public long FailedEvents => Volatile.Read(ref _failedEvents);

    /// <summary>Acks whose counts or ledger disagree with what was sent.</summary>
    public long Anomalies => Volatile.Read(ref _anomalies);

    public long BytesSent => Volatile.Read(ref _bytesSent);

    public TimeSpan GenerationTime => _builder.GenerationTime;

    /// <summary>Adds this lane's acknowledged events per device into the run-wide array.</summary>
    public void AddAckedPerDevice(long[] total)
    {
        for (var j = 0; j < _deviceIndexes.Length; j++)
            total[_deviceIndexes[j]] += _ackedPerDevice[j];
    }

    /// <summary>Fills the queue before the clock starts, so the first requests do not wait for the generator.</summary>
    public void Prefill()
    {
        while (_ready.Writer.TryWrite(_builder.Build()))
        {
        }
    }

    /// <summary>Keeps the queue topped up on a pool thread until <paramref name="stop"/> fires.</summary>
    public Task ProduceAsync(CancellationToken stop) => Task.Run(async () =>
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var batch = _builder.Build();
                try
                {
                    await _ready.Writer.WriteAsync(batch, stop);
                }
                catch (OperationCanceledException)
                {
                    batch.Dispose();
                    throw;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping is the normal end of the generator.
        }
    }, CancellationToken.None);

    /// <summary>Sends batches one after another until <paramref name="stopAt"/> (a Stopwatch timestamp); the last one finishes.</summary>
    public async Task SendAsync(IngestClient client, LatencyRecorder latencies, long stopAt, CancellationToken cancellationToken)
    {
        while (Stopwatch.GetTimestamp() < stopAt && !cancellationToken.IsCancellationRequested)
        {
            using var batch = await _ready.Reader.ReadAsync(cancellationToken);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var ack = await client.IngestAsync(batch.Body, _format, cancellationToken);
                latencies.Record(started, Stopwatch.GetTimestamp());
                Record(batch, ack);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failedRequests);
                Interlocked.Add(ref _failedEvents, batch.EventCount);
                Report($"request failed: {ex.Message}");
            }

            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _bytesSent, batch.Body.Length);
        }
    }

    /// <summary>Returns the batches generated but never sent to the pool.</summary>
    public void DrainUnsent()
    {
        while (_ready.Reader.TryRead(out var batch))
            batch.Dispose();
    }

    public void Dispose()
    {
        DrainUnsent();
        _builder.Dispose();
    }

    private void Record(EncodedBatch batch, IngestAck ack)
    {
        var rejected = ack.Rejected ?? [];
        Interlocked.Add(ref _accepted, ack.Accepted);
        Interlocked.Add(ref _duplicates, ack.Duplicates);
        Interlocked.Add(ref _rejected, rejected.Count);

        var devices = _builder.Devices;
        var acked = (int[])batch.Counts.Clone();
        foreach (var r in rejected)
        {
            if (r.Index >= 0 && r.Index < batch.EventCount)
                acked[(batch.FirstDevice + r.Index) % devices.Count]--;
            Report($"event rejected: {devices[(batch.FirstDevice + Math.Max(r.Index, 0)) % devices.Count].Name} index {r.Index}: {r.Error}");
        }

        for (var j = 0; j < acked.Length; j++)
            _ackedPerDevice[j] += acked[j];

        if (ack.Accepted + ack.Duplicates + rejected.Count != batch.EventCount)
        {
            Anomaly($"ack counts {ack.Accepted} accepted + {ack.Duplicates} duplicates + {rejected.Count} rejected "
                + $"for a batch of {batch.EventCount} events");
        }

        // The ledger should hold at least the highest seq each device just had acknowledged.
        for (var j = 0; j < devices.Count && rejected.Count == 0; j++)
        {
            if (batch.Counts[j] == 0)
                continue;
            var name = devices[j].Name;
            if (ack.Ledger is null || !ack.Ledger.TryGetValue(name, out var entry))
                Anomaly($"ledger of an ack lacks device {name}");
            else if (entry.HighSeq < batch.LastSeqs[j])
                Anomaly($"ledger says {name} highSeq {entry.HighSeq} after seq {batch.LastSeqs[j]} was acknowledged");
        }
    }

    private void Anomaly(string message)
    {
        Interlocked.Increment(ref _anomalies);
        Report("server anomaly: " + message);
    }

    // The first few problems are worth reading; thousands of copies of one are not.
    private static void Report(string message)
    {
        var shown = Interlocked.Increment(ref _warningsPrinted);
        if (shown <= AnomaliesShown)
            Console.Error.WriteLine("warning: " + message);
        else if (shown == AnomaliesShown + 1)
            Console.Error.WriteLine("warning: (further warnings suppressed; see the summary's counts)");
    }
}
