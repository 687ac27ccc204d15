using Confluent.Kafka;

namespace LifeOS.Eventing.Kafka;

/// <summary>The client settings the log relies on, in one place so tests can read them.</summary>
public static class KafkaClientConfigs
{
    /// <summary>Idempotent, acks=all: an acknowledged append is on every in-sync replica, once, in order per partition.</summary>
    public static ProducerConfig Producer(KafkaEventLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            // Retries within this bound keep order and never duplicate (idempotence); past it the append fails.
            MessageTimeoutMs = Milliseconds(options.DeliveryTimeout),
            // The same key-to-partition hash as the Java client, so other Kafka tools partition alike.
            Partitioner = Confluent.Kafka.Partitioner.Murmur2Random,
            LingerMs = 5,
        };
        // Topics are created deliberately, with their spec's settings, never as a side effect of a send.
        config.Set("allow.auto.create.topics", "false");
        return config;
    }

    /// <summary>A group member: offsets are stored only after the handler succeeded, cooperative-sticky assignment.</summary>
    public static ConsumerConfig Consumer(KafkaEventLogOptions options, string group)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,
            GroupId = group,
            // Only IEventConsumer.CommitAsync stores an offset; the background commit sends stored offsets only, and
            // also commits them before a partition is revoked and on Close, so a rebalance redelivers as little as possible.
            EnableAutoOffsetStore = false,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 5000,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            SessionTimeoutMs = Milliseconds(options.SessionTimeout),
            HeartbeatIntervalMs = Milliseconds(options.HeartbeatInterval),
            TopicMetadataRefreshIntervalMs = Milliseconds(options.MetadataRefreshInterval),
            AllowAutoCreateTopics = false,
        };
    }

    /// <summary>Reads a group's committed offsets without joining it, for lag.</summary>
    public static ConsumerConfig GroupReader(KafkaEventLogOptions options, string group)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId + "-lag",
            GroupId = group,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AllowAutoCreateTopics = false,
        };
    }

    private static int Milliseconds(TimeSpan value) => (int)Math.Clamp(value.TotalMilliseconds, 1, int.MaxValue);
}
