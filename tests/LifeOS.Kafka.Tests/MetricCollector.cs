using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace LifeOS.Kafka.Tests;

/// <summary>Records every measurement of one meter's instruments, with its tags, for assertions.</summary>
internal sealed class MetricCollector : IDisposable
{
    private readonly MeterListener _listener = new();

    public MetricCollector(string meterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements { get; } = new();

    /// <summary>Asks observable instruments (gauges) for their values now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public List<(double Value, Dictionary<string, object?> Tags)> Of(string instrument, string tag, object? value) =>
        [.. Measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault(tag), value)).Select(m => (m.Value, m.Tags))];

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
            copy[tag.Key] = tag.Value;
        Measurements.Enqueue((instrument.Name, value, copy));
    }

    public void Dispose() => _listener.Dispose();
}
