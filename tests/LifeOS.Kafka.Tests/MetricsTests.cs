using static LifeOS.Kafka.Tests.KafkaTestKit;

namespace LifeOS.Kafka.Tests;

/// <summary>The Kafka meter: produce latency per acknowledged message and consumer lag per owned partition.</summary>
public sealed class MetricsTests(MockClusterFixture fixture) : IClassFixture<MockClusterFixture>
{
    private const string Topic = "messaging.destination.name";

    [Fact]
    public async Task Produce_latency_is_recorded_for_every_acknowledged_message()
    {
        using var metrics = new MetricCollector(KafkaEventLog.MeterName);
        await using var log = new KafkaEventLog(fixture.Options());
        var topic = NewName("latency");
        await log.EnsureTopicsAsync([new TopicSpec(topic, 2, TimeSpan.FromDays(1))], Cancellation);

        await log.AppendAsync([.. Enumerable.Range(0, 25).Select(i => Message(topic, $"k{i}", $"{i}"))], Cancellation);
        await log.AppendAsync([Message(topic, "k", "last")], Cancellation);

        var latencies = metrics.Of("lifeos.kafka.produce.duration", Topic, topic);
        Assert.Equal(26, latencies.Count);
        Assert.All(latencies, l => Assert.InRange(l.Value, 0, fixture.Options().DeliveryTimeout.TotalSeconds));
        Assert.Empty(metrics.Of("lifeos.kafka.produce.errors", Topic, topic));
    }

    [Fact]
    public async Task Consumer_lag_falls_as_the_member_commits()
    {
        using var metrics = new MetricCollector(KafkaEventLog.MeterName);
        await using var log = new KafkaEventLog(fixture.Options());
        var topic = NewName("lag");
        var group = NewName("group");
        await log.EnsureTopicsAsync([new TopicSpec(topic, 1, TimeSpan.FromDays(1))], Cancellation);
        await log.AppendAsync([.. Enumerable.Range(0, 20).Select(i => Message(topic, "k", $"{i}"))], Cancellation);
        await using var consumer = await log.SubscribeAsync(group, [topic], Cancellation);
        var received = await DrainAsync(consumer, 20);

        long LagNow()
        {
            metrics.Measurements.Clear();
            metrics.Observe();
            var lag = Assert.Single(metrics.Of("lifeos.kafka.consumer.lag", Topic, topic));
            Assert.Equal(group, lag.Tags["messaging.consumer.group.name"]);
            Assert.Equal(0, lag.Tags["messaging.destination.partition.id"]);
            return (long)lag.Value;
        }

        Assert.Equal(20, LagNow());
        await consumer.CommitAsync(received.Take(15).ToList(), Cancellation);
        Assert.Equal(5, LagNow());
        await consumer.CommitAsync(received, Cancellation);
        Assert.Equal(0, LagNow());

        await consumer.DisposeAsync();
        metrics.Measurements.Clear();
        metrics.Observe();
        Assert.Empty(metrics.Of("lifeos.kafka.consumer.lag", Topic, topic)); // a closed member reports nothing
    }
}
