using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace LifeOS.Eventing.Kafka;

/// <summary>Creates topics through the brokers' admin API, with the partitions, retention and cleanup policy of each spec.</summary>
internal sealed class AdminClientTopicCreator(IAdminClient admin, KafkaEventLogOptions options) : IKafkaTopicCreator
{
    public async Task CreateTopicsAsync(IReadOnlyList<TopicSpec> topics, CancellationToken cancellationToken)
    {
        var specifications = topics.Select(t => KafkaTopicSpecifications.From(t, options.ReplicationFactor)).ToList();
        var requestOptions = new CreateTopicsOptions { RequestTimeout = options.AdminTimeout, OperationTimeout = options.AdminTimeout };
        try
        {
            await admin.CreateTopicsAsync(specifications, requestOptions).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CreateTopicsException ex)
        {
            // Another host provisioning the same catalogue at the same moment is expected, not a failure.
            var failures = ex.Results.Where(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists).ToList();
            if (failures.Count > 0)
            {
                var reasons = string.Join("; ", failures.Select(r => $"{r.Topic}: {r.Error.Reason}"));
                throw new InvalidOperationException($"Kafka at {options.BootstrapServers} refused to create topics: {reasons}", ex);
            }
        }
        catch (KafkaException ex)
        {
            var names = string.Join(", ", topics.Select(t => t.Name));
            throw new InvalidOperationException(
                $"Creating topics {names} on Kafka at {options.BootstrapServers} failed: {ex.Error.Reason}. A broker that cannot serve " +
                "CreateTopics (librdkafka's mock cluster cannot) needs its topics created beforehand (KafkaMockCluster.CreateTopics).", ex);
        }
    }
}
