using System.Collections.Concurrent;
using Confluent.Kafka;

namespace LifeOS.Eventing.Kafka;

/// <summary>Computes a group's lag from the brokers: end offsets minus committed offsets, without joining the group.</summary>
/// <remarks>
/// Hosts sample lag often (backpressure checks every 100 ms), so each call is two batched requests: one OffsetFetch
/// for the group's committed offsets and one ListOffsets per partition leader for the start and end offsets.
/// </remarks>
internal sealed class KafkaLagReader(KafkaEventLogOptions options) : IDisposable
{
    // Kafka's ListOffsets spells "latest" as timestamp -1 and "earliest" as -2.
    private static readonly Timestamp Latest = new(-1, TimestampType.CreateTime);
    private static readonly Timestamp Earliest = new(-2, TimestampType.CreateTime);

    private readonly ConcurrentDictionary<string, Lazy<IConsumer<Ignore, Ignore>>> _readers = new(StringComparer.Ordinal);

    public long Lag(string group, IReadOnlyList<TopicPartition> partitions)
    {
        if (partitions.Count == 0)
            return 0;

        var reader = _readers.GetOrAdd(group, g => new Lazy<IConsumer<Ignore, Ignore>>(
            () => new ConsumerBuilder<Ignore, Ignore>(KafkaClientConfigs.GroupReader(options, g)).Build())).Value;
        var committed = reader.Committed(partitions, options.AdminTimeout).ToDictionary(o => o.TopicPartition, o => o.Offset);
        var ends = Offsets(reader, partitions, Latest);
        // A partition whose end offset did not come back (a leader moving, a broker busy) must not read as "no lag":
        // ask again for those before counting, since a zero taken from a failed answer tells a waiter the pipeline drained.
        for (var attempt = 0; attempt < 3 && ends.Any(e => e.Value.IsSpecial); attempt++)
        {
            var missing = ends.Where(e => e.Value.IsSpecial).Select(e => e.Key).ToList();
            foreach (var (partition, offset) in Offsets(reader, missing, Latest))
                ends[partition] = offset;
        }

        var starts = Offsets(reader, partitions, Earliest);

        long lag = 0;
        foreach (var partition in partitions)
        {
            var end = ends.GetValueOrDefault(partition, Offset.Unset);
            if (end.IsSpecial)
                continue;
            // Nothing committed, or committed before what retention kept: the group starts at the earliest message.
            var start = starts.GetValueOrDefault(partition, Offset.Unset);
            var from = start.IsSpecial ? 0 : start.Value;
            if (committed.TryGetValue(partition, out var position) && !position.IsSpecial)
                from = Math.Max(from, position.Value);
            lag += Math.Max(0, end.Value - from);
        }

        return lag;
    }

    private Dictionary<TopicPartition, Offset> Offsets(IConsumer<Ignore, Ignore> reader, IReadOnlyList<TopicPartition> partitions, Timestamp at)
    {
        var results = reader.OffsetsForTimes(partitions.Select(p => new TopicPartitionTimestamp(p, at)), options.AdminTimeout);
        return results.ToDictionary(r => r.TopicPartition, r => r.Offset);
    }

    public void Dispose()
    {
        foreach (var reader in _readers.Values.Where(r => r.IsValueCreated))
            reader.Value.Dispose();
        _readers.Clear();
    }
}
