using Confluent.Kafka;
using static LifeOS.Kafka.Tests.KafkaTestKit;

namespace LifeOS.Kafka.Tests;

/// <summary>The producer's guarantees and how appends fail.</summary>
public sealed class ProducerTests(MockClusterFixture fixture) : IClassFixture<MockClusterFixture>
{
    [Fact]
    public void The_producer_is_idempotent_and_waits_for_every_in_sync_replica()
    {
        var options = fixture.Options();
        var config = KafkaClientConfigs.Producer(options);

        Assert.True(config.EnableIdempotence);
        Assert.Equal(Acks.All, config.Acks);
        Assert.Equal((int)options.DeliveryTimeout.TotalMilliseconds, config.MessageTimeoutMs);
        Assert.Equal(Confluent.Kafka.Partitioner.Murmur2Random, config.Partitioner);
        Assert.Equal("false", config.Get("allow.auto.create.topics"));
    }

    [Fact]
    public async Task Appending_to_a_topic_nobody_provisioned_creates_it_with_the_default_partitions()
    {
        var options = fixture.Options();
        options.DefaultPartitions = 2;
        await using var log = new KafkaEventLog(options);
        var topic = NewName("adhoc");

        await log.AppendAsync([Message(topic, "a", "1"), Message(topic, "b", "2")], Cancellation);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = fixture.Cluster.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        Assert.Equal(2, Assert.Single(metadata.Topics, t => t.Topic == topic).Partitions.Count);
        Assert.Equal(2, await log.GetLagAsync("nobody", [topic], Cancellation));
    }

    [Fact]
    public async Task An_append_with_no_broker_to_answer_fails_with_an_error_naming_the_brokers()
    {
        // A port nothing listens on: bind one, note it, close it.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new KafkaEventLogOptions
        {
            BootstrapServers = $"127.0.0.1:{port}",
            AdminTimeout = TimeSpan.FromSeconds(2),
            DeliveryTimeout = TimeSpan.FromSeconds(2),
        };
        await using var log = new KafkaEventLog(options);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => log.AppendAsync([Message("test.nowhere", "k", "v")], Cancellation));
        Assert.Contains($"127.0.0.1:{port}", error.Message);
    }

    [Fact]
    public async Task A_message_larger_than_Kafka_accepts_is_refused_naming_its_topic_and_nothing_is_written()
    {
        await using var log = new KafkaEventLog(fixture.Options());
        var topic = NewName("oversize");
        await log.EnsureTopicsAsync([new TopicSpec(topic, 1, TimeSpan.FromDays(1))], Cancellation);
        var huge = new OutgoingMessage(topic, "camera-1", new byte[2_000_000], new Dictionary<string, string>(), DateTimeOffset.UtcNow);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendAsync([huge], Cancellation));

        Assert.Contains(topic, error.Message);
        Assert.Contains("camera-1", error.Message);
        Assert.Equal(0, await log.GetLagAsync("nobody", [topic], Cancellation));
    }

    [Fact]
    public async Task Appends_keep_per_key_order_across_many_concurrent_batches()
    {
        await using var log = new KafkaEventLog(fixture.Options());
        var topic = NewName("order");
        await log.EnsureTopicsAsync([new TopicSpec(topic, 3, TimeSpan.FromDays(1))], Cancellation);
        // Each key belongs to one caller, whose batches go out one after another while the others interleave.
        await Parallel.ForAsync(0, 8, Cancellation, async (caller, ct) =>
        {
            for (var batch = 0; batch < 10; batch++)
                await log.AppendAsync([.. Enumerable.Range(0, 25).Select(i => Message(topic, $"key-{caller}", $"{batch * 25 + i}"))], ct);
        });

        await using var consumer = await log.SubscribeAsync(NewName("group"), [topic], Cancellation);
        var received = await DrainAsync(consumer, 2000);
        Assert.Equal(2000, received.Count);
        foreach (var perKey in received.GroupBy(m => m.Key))
            Assert.Equal(Enumerable.Range(0, 250), perKey.Select(m => int.Parse(Text(m))));
    }
}
