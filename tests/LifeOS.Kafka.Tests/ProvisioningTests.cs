using Confluent.Kafka;
using LifeOS.Contracts;
using static LifeOS.Kafka.Tests.KafkaTestKit;

namespace LifeOS.Kafka.Tests;

/// <summary>Topics come from specs: partitions on the brokers, retention and cleanup policy in the admin request.</summary>
public sealed class ProvisioningTests(MockClusterFixture fixture) : IClassFixture<MockClusterFixture>
{
    private Dictionary<string, int> PartitionsOnBrokers()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = fixture.Cluster.BootstrapServers }).Build();
        return admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.ToDictionary(t => t.Topic, t => t.Partitions.Count);
    }

    [Fact]
    public async Task The_hosts_provisioner_creates_every_catalogue_topic_with_its_partition_count()
    {
        await using var log = new KafkaEventLog(fixture.Options());

        // What every host runs at start-up, against Kafka.
        await new TopicProvisioner(log).StartAsync(Cancellation);

        var onBrokers = PartitionsOnBrokers();
        Assert.NotEmpty(TopicCatalogue.All);
        foreach (var topic in TopicCatalogue.All)
        {
            Assert.Equal(topic.Partitions, onBrokers[topic.Name]);
            Assert.Equal(1, onBrokers[topic.DeadLetterTopic]);
        }

        Assert.Contains(TopicCatalogue.All, t => t.Partitions != 3); // the counts differ per topic, so equality means something
    }

    [Fact]
    public async Task An_existing_topic_keeps_its_partitions()
    {
        var topic = NewName("existing");
        fixture.Cluster.CreateTopics([new TopicSpec(topic, 2, TimeSpan.FromDays(1))]);
        await using var log = new KafkaEventLog(fixture.Options());

        await log.EnsureTopicsAsync([new TopicSpec(topic, 5, TimeSpan.FromDays(1))], Cancellation);

        Assert.Equal(2, PartitionsOnBrokers()[topic]);
    }

    [Fact]
    public void The_admin_request_carries_partitions_retention_and_cleanup_policy()
    {
        var specification = KafkaTopicSpecifications.From(new TopicSpec("device.health.heartrate.raw", 6, TimeSpan.FromDays(7), "compact"), 3);

        Assert.Equal("device.health.heartrate.raw", specification.Name);
        Assert.Equal(6, specification.NumPartitions);
        Assert.Equal(3, specification.ReplicationFactor);
        Assert.Equal("604800000", specification.Configs["retention.ms"]);
        Assert.Equal("compact", specification.Configs["cleanup.policy"]);
        Assert.Equal("-1", KafkaTopicSpecifications.From(new TopicSpec("t", 1, Timeout.InfiniteTimeSpan)).Configs["retention.ms"]);
        Assert.Equal("compact,delete", KafkaTopicSpecifications.From(new TopicSpec("t", 1, TimeSpan.FromHours(1), "compact, delete")).Configs["cleanup.policy"]);
    }

    [Fact]
    public void Every_catalogue_topic_maps_to_a_valid_admin_request()
    {
        foreach (var spec in TopicProvisioner.Specs())
        {
            var specification = KafkaTopicSpecifications.From(spec);
            Assert.Equal(spec.Partitions, specification.NumPartitions);
            Assert.Equal(((long)spec.Retention.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture), specification.Configs["retention.ms"]);
        }
    }

    [Theory]
    [InlineData(0, 24, "delete", "partition")]
    [InlineData(3, 0, "delete", "retention")]
    [InlineData(3, 24, "forever", "cleanup policy")]
    [InlineData(3, 24, "", "cleanup policy")]
    public async Task A_bad_spec_is_refused_by_name_before_anything_is_created(int partitions, int retentionHours, string cleanup, string complaint)
    {
        var topic = NewName("bad");
        await using var log = new KafkaEventLog(fixture.Options());

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => log.EnsureTopicsAsync([new TopicSpec(topic, partitions, TimeSpan.FromHours(retentionHours), cleanup)], Cancellation));

        Assert.Contains(topic, error.Message);
        Assert.Contains(complaint, error.Message);
        Assert.DoesNotContain(topic, PartitionsOnBrokers().Keys);
    }

    [Fact]
    public async Task Without_a_topic_creator_the_mock_says_plainly_it_cannot_create_topics()
    {
        // librdkafka 2.0.2's mock cluster has no CreateTopics API; a real broker gets this very request instead.
        var options = fixture.Options();
        options.TopicCreator = null;
        options.AdminTimeout = TimeSpan.FromSeconds(2);
        await using var log = new KafkaEventLog(options);
        var topic = NewName("admin");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => log.EnsureTopicsAsync([new TopicSpec(topic, 3, TimeSpan.FromDays(1))], Cancellation));

        Assert.Contains(topic, error.Message);
        Assert.Contains("CreateTopics", error.Message);
        Assert.DoesNotContain(topic, PartitionsOnBrokers().Keys);
    }
}
