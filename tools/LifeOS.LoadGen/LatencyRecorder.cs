using System.Diagnostics;

namespace LifeOS.LoadGen;

/// <summary>Collects request ack latencies and reports nearest-rank percentiles.</summary>
/// <remarks>One sample per request (a thousand events), so keeping them all is cheap and the percentiles exact.</remarks>
public sealed class LatencyRecorder
{
    private readonly List<long> _ticks = [];
    private readonly Lock _lock = new();

    public void Record(long startTimestamp, long endTimestamp)
    {
        lock (_lock)
            _ticks.Add(endTimestamp - startTimestamp);
    }

    public int Count
    {
        get
        {
            lock (_lock)
                return _ticks.Count;
        }
    }

    /// <summary>Percentiles in milliseconds, in the order asked; NaN when nothing was recorded.</summary>
    public double[] PercentilesMs(params double[] percentiles)
    {
        long[] sorted;
        lock (_lock)
            sorted = [.. _ticks];
        Array.Sort(sorted);

        return [.. percentiles.Select(p => sorted.Length == 0
            ? double.NaN
            : TicksToMs(sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)]))];
    }

    private static double TicksToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
