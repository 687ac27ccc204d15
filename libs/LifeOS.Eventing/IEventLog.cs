namespace LifeOS.Eventing;

/// <summary>A durable, partitioned, append-only log of messages with consumer groups (Kafka's model).</summary>
/// <remarks>
/// Delivery is at least once: a message is delivered again to the group until a member commits it.
/// Order holds per partition, and a message's partition is chosen by its key, so order holds per key.
/// </remarks>
public interface IEventLog : IAsyncDisposable
{
    /// <summary>Creates topics that do not exist yet; existing topics keep their settings.</summary>
    Task EnsureTopicsAsync(IEnumerable<TopicSpec> topics, CancellationToken cancellationToken = default);

    /// <summary>Appends messages; the task completes only once every one of them is durable.</summary>
    Task AppendAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>How many messages of <paramref name="topics"/> the group has not committed yet (its consumer lag).</summary>
    Task<long> GetLagAsync(string group, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default);

    /// <summary>Joins <paramref name="group"/> for <paramref name="topics"/>; partitions are shared among the group's members.</summary>
    Task<IEventConsumer> SubscribeAsync(string group, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default);
}

/// <summary>One member of a consumer group.</summary>
public interface IEventConsumer : IAsyncDisposable
{
    /// <summary>Returns up to <paramref name="maxMessages"/> messages, waiting at most <paramref name="maxWait"/> for the first.</summary>
    Task<IReadOnlyList<LogMessage>> PollAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default);

    /// <summary>Marks these messages, and everything before them in their partitions, as processed by the group.</summary>
    Task CommitAsync(IReadOnlyCollection<LogMessage> processed, CancellationToken cancellationToken = default);
}

/// <summary>How a topic is provisioned.</summary>
public sealed record TopicSpec(string Name, int Partitions, TimeSpan Retention, string CleanupPolicy = "delete");

/// <summary>A message to append. Headers carry the CloudEvents attributes (binary mode) and the trace context.</summary>
public sealed record OutgoingMessage(
    string Topic, string Key, ReadOnlyMemory<byte> Value, IReadOnlyDictionary<string, string> Headers, DateTimeOffset Timestamp);

/// <summary>A message as stored in the log, with its position.</summary>
public sealed record LogMessage(
    string Topic,
    int Partition,
    long Offset,
    string Key,
    ReadOnlyMemory<byte> Value,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset Timestamp);
