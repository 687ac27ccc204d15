using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace LifeOS.Eventing.Kafka;

/// <summary>The Kafka log's instruments: produce latency and errors, and the lag of every consumer in this process.</summary>
/// <remarks>
/// Dead letters are counted where the decision is made, by <see cref="EventProcessor"/> (<c>lifeos.events.dead_lettered</c>
/// on the <c>LifeOS.Eventing</c> meter), so they read the same on either log.
/// </remarks>
internal static class KafkaMetrics
{
    private static readonly Meter Meter = new(KafkaEventLog.MeterName);
    private static readonly ConcurrentDictionary<KafkaEventConsumer, byte> Consumers = new();

    public static readonly Histogram<double> ProduceDuration = Meter.CreateHistogram(
        "lifeos.kafka.produce.duration",
        unit: "s",
        description: "Time from handing a message to the producer to the acknowledgement of all in-sync replicas",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    public static readonly Counter<long> ProduceErrors = Meter.CreateCounter<long>(
        "lifeos.kafka.produce.errors", "{message}", "Messages the brokers did not acknowledge within the delivery timeout");

    static KafkaMetrics() =>
        Meter.CreateObservableGauge(
            "lifeos.kafka.consumer.lag",
            () => Consumers.Keys.SelectMany(consumer => consumer.ObserveLag()),
            "{message}",
            "Messages in a partition this process consumes that its group has not committed: high watermark minus committed offset");

    public static void Track(KafkaEventConsumer consumer) => Consumers.TryAdd(consumer, 0);

    public static void Untrack(KafkaEventConsumer consumer) => Consumers.TryRemove(consumer, out _);
}
