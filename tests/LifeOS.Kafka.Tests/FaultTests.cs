using System.Text;
using Confluent.Kafka;
using static LifeOS.Kafka.Tests.KafkaTestKit;

namespace LifeOS.Kafka.Tests;

/// <summary>Refusing and dead brokers, each test on a cluster of its own: retries keep order, outages fail clearly, the log recovers.</summary>
public sealed class FaultTests : IDisposable
{
    private readonly KafkaMockCluster _cluster = new(brokers: 1);

    private KafkaEventLogOptions Options() => new()
    {
        BootstrapServers = _cluster.BootstrapServers,
        TopicCreator = _cluster,
        DeliveryTimeout = TimeSpan.FromSeconds(3),
        AdminTimeout = TimeSpan.FromSeconds(5),
    };

    // Sends 300 messages of one key quickly, so several produce requests are in flight at once, while the broker
    // refuses the first few with a retriable error; returns the values in the order the partition holds them.
    private async Task<List<int>> ValuesAfterRefusedRequests(ProducerConfig config, string topic)
    {
        config.RetryBackoffMs = 200;
        config.LingerMs = 0;
        using (var producer = new ProducerBuilder<string, byte[]>(config).Build())
        {
            // Connect and learn the leader first, so the refusals hit produce requests carrying messages.
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = "k", Value = Encoding.UTF8.GetBytes("-1") }, Cancellation);
            _cluster.FailNextRequests(KafkaApiKey.Produce, ErrorCode.NotEnoughReplicas, 3);
            var sends = new List<Task>();
            for (var i = 0; i < 300; i++)
            {
                sends.Add(producer.ProduceAsync(topic, new Message<string, byte[]> { Key = "k", Value = Encoding.UTF8.GetBytes($"{i}") }, Cancellation));
                if (i % 20 == 0)
                    await Task.Delay(2, Cancellation); // separate requests, not one batch
            }

            await Task.WhenAll(sends);
        }

        await using var log = new KafkaEventLog(Options());
        await using var consumer = await log.SubscribeAsync(NewName("reader"), [topic], Cancellation);
        return [.. (await DrainAsync(consumer, 301)).Select(m => int.Parse(Text(m))).Skip(1)];
    }

    [Fact]
    public async Task Refused_and_retried_sends_keep_their_order_and_are_written_once()
    {
        // The mock writes nothing for a refused request, so it cannot show what idempotence prevents (a retry of a
        // request the broker wrote but never acknowledged); it does show retries losing, doubling or reordering nothing.
        var topic = NewName("retried");
        _cluster.CreateTopics([new TopicSpec(topic, 1, TimeSpan.FromDays(1))]);

        var values = await ValuesAfterRefusedRequests(KafkaClientConfigs.Producer(Options()), topic);

        Assert.Equal(Enumerable.Range(0, 300), values);
    }

    [Fact]
    public async Task An_append_to_a_dead_broker_times_out_is_counted_and_the_log_recovers()
    {
        using var metrics = new MetricCollector(KafkaEventLog.MeterName);
        await using var log = new KafkaEventLog(Options());
        var topic = NewName("outage");
        await log.EnsureTopicsAsync([new TopicSpec(topic, 1, TimeSpan.FromDays(1))], Cancellation);
        await log.AppendAsync([Message(topic, "k", "before")], Cancellation);

        _cluster.SetBrokerDown(1);
        var error = await Assert.ThrowsAsync<TimeoutException>(() => log.AppendAsync([Message(topic, "k", "during")], Cancellation));
        Assert.Contains(topic, error.Message);
        Assert.Single(metrics.Of("lifeos.kafka.produce.errors", "messaging.destination.name", topic));

        // Once the broker is back the same log works again; the client reconnects with a backoff of up to 10 s, so the
        // caller retries as an ingesting device would.
        _cluster.SetBrokerUp(1);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (true)
        {
            try
            {
                await log.AppendAsync([Message(topic, "k", "after")], Cancellation);
                break;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }

        await using var consumer = await log.SubscribeAsync(NewName("group"), [topic], Cancellation);
        var received = (await DrainAsync(consumer, 2)).Select(Text).ToList();
        Assert.Equal(["before", "after"], received.Distinct()); // a timed-out attempt may have been written: at least once
    }

    public void Dispose() => _cluster.Dispose();
}
