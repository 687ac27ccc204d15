namespace LifeOS.Kafka.Tests;

/// <summary>One mock cluster per test class, so consumer groups of classes running in parallel never meet.</summary>
public sealed class MockClusterFixture : IDisposable
{
    public KafkaMockCluster Cluster { get; } = new(brokers: 3);

    /// <summary>Log settings for tests: the mock creates the topics, and groups rebalance in seconds, not tens of them.</summary>
    /// <remarks>
    /// The mock waits for members to rejoin for the session timeout less one second, so a short session keeps
    /// rebalances quick; the short metadata refresh lets a member find a topic created after it subscribed.
    /// </remarks>
    public KafkaEventLogOptions Options() => new()
    {
        BootstrapServers = Cluster.BootstrapServers,
        ClientId = "lifeos-tests",
        TopicCreator = Cluster,
        SessionTimeout = TimeSpan.FromSeconds(4),
        HeartbeatInterval = TimeSpan.FromMilliseconds(500),
        MetadataRefreshInterval = TimeSpan.FromSeconds(1),
        DeliveryTimeout = TimeSpan.FromSeconds(20),
        AdminTimeout = TimeSpan.FromSeconds(10),
    };

    public void Dispose() => Cluster.Dispose();
}
