using System.Globalization;
using Confluent.Kafka.Admin;

namespace LifeOS.Eventing.Kafka;

/// <summary>Turns a <see cref="TopicSpec"/> into the admin API's request: partitions, replication, <c>retention.ms</c>, <c>cleanup.policy</c>.</summary>
public static class KafkaTopicSpecifications
{
    private static readonly string[] CleanupPolicies = ["delete", "compact"];

    /// <param name="replicationFactor">-1 leaves it to the broker's <c>default.replication.factor</c>.</param>
    /// <exception cref="ArgumentException">The spec names no topic, no partitions, a non-positive retention or an unknown cleanup policy.</exception>
    public static TopicSpecification From(TopicSpec spec, short replicationFactor = -1)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrWhiteSpace(spec.Name, nameof(spec));
        if (spec.Partitions < 1)
            throw new ArgumentException($"Topic '{spec.Name}' needs at least one partition, not {spec.Partitions}", nameof(spec));

        return new TopicSpecification
        {
            Name = spec.Name,
            NumPartitions = spec.Partitions,
            ReplicationFactor = replicationFactor,
            Configs = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["retention.ms"] = RetentionMs(spec),
                ["cleanup.policy"] = CleanupPolicy(spec),
            },
        };
    }

    private static string RetentionMs(TopicSpec spec)
    {
        // Kafka spells "keep forever" as -1.
        if (spec.Retention == Timeout.InfiniteTimeSpan || spec.Retention == TimeSpan.MaxValue)
            return "-1";
        if (spec.Retention <= TimeSpan.Zero)
            throw new ArgumentException($"Topic '{spec.Name}' has retention {spec.Retention}; it must be positive or infinite", nameof(spec));
        return ((long)spec.Retention.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
    }

    private static string CleanupPolicy(TopicSpec spec)
    {
        // Kafka accepts "delete", "compact" or both, comma-separated.
        var parts = (spec.CleanupPolicy ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Any(p => !CleanupPolicies.Contains(p, StringComparer.Ordinal)))
        {
            throw new ArgumentException(
                $"Topic '{spec.Name}' has cleanup policy '{spec.CleanupPolicy}'; expected delete, compact or compact,delete", nameof(spec));
        }

        return string.Join(',', parts.Distinct(StringComparer.Ordinal));
    }
}
