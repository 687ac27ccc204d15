using Confluent.Kafka;

namespace LifeOS.Kafka.Tests;

/// <summary>The mock cluster itself: addresses, topic creation, and a clean shutdown.</summary>
public sealed class MockClusterTests
{
    [Fact]
    public void Bootstrap_servers_list_one_loopback_address_per_broker()
    {
        using var cluster = new KafkaMockCluster(brokers: 3);

        var servers = cluster.BootstrapServers.Split(',');

        Assert.Equal(3, servers.Length);
        Assert.All(servers, s => Assert.Matches(@"^127\.0\.0\.1:\d+$", s));
        Assert.Equal(3, servers.Distinct().Count());
        Assert.Equal(cluster.BootstrapServers, KafkaEventLogOptions.ParseConnectionString(cluster.BootstrapServers));
    }

    [Fact]
    public void Brokers_answer_metadata_with_the_created_topics()
    {
        using var cluster = new KafkaMockCluster(brokers: 2);
        cluster.CreateTopics([new TopicSpec("test.mock.a", 5, TimeSpan.FromDays(1)), new TopicSpec("test.mock.b", 1, TimeSpan.FromDays(1))]);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        Assert.Equal(2, metadata.Brokers.Count);
        Assert.Equal(5, Assert.Single(metadata.Topics, t => t.Topic == "test.mock.a").Partitions.Count);
        Assert.Single(Assert.Single(metadata.Topics, t => t.Topic == "test.mock.b").Partitions);
    }

    [Fact]
    public void Bad_input_is_refused_with_a_clear_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KafkaMockCluster(brokers: 0));
        using var cluster = new KafkaMockCluster();
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CreateTopics([new TopicSpec("test.mock.none", 0, TimeSpan.FromDays(1))]));
        Assert.Throws<ArgumentException>(() => cluster.CreateTopics([new TopicSpec(" ", 1, TimeSpan.FromDays(1))]));
    }

    [Fact]
    public void Disposing_twice_is_harmless_and_a_disposed_cluster_refuses_work()
    {
        var cluster = new KafkaMockCluster();
        cluster.Dispose();
        cluster.Dispose();
        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopics([new TopicSpec("test.mock.late", 1, TimeSpan.FromDays(1))]));
    }
}
