namespace LifeOS.Eventing.Kafka;

/// <summary>Creates topics the brokers do not have yet. The default goes through the admin API (CreateTopics).</summary>
/// <remarks>
/// A seam because librdkafka's mock cluster has no CreateTopics: a <see cref="KafkaMockCluster"/> creates its own
/// topics directly. Everything else about provisioning (which topics are missing, the cache) stays in the log.
/// </remarks>
public interface IKafkaTopicCreator
{
    /// <summary>Creates <paramref name="topics"/>; a topic that exists by the time the request arrives is not an error.</summary>
    Task CreateTopicsAsync(IReadOnlyList<TopicSpec> topics, CancellationToken cancellationToken);
}
