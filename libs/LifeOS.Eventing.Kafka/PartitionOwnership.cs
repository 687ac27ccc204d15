using System.Diagnostics.Metrics;
using Confluent.Kafka;

namespace LifeOS.Eventing.Kafka;

/// <summary>What one group member owns, kept from its rebalance callbacks: assignment, revocations, uncommitted starts.</summary>
/// <remarks>
/// Callbacks arrive on the polling thread, commits on another and the lag gauge on a third, hence the lock. A
/// partition revoked during a poll has its messages dropped from that poll's batch: its next owner reads them from the
/// group's committed offset, so handing them out here too would only process them twice.
/// </remarks>
internal sealed class PartitionOwnership(string group)
{
    private readonly Lock _lock = new();
    private readonly HashSet<TopicPartition> _assigned = [];
    private readonly HashSet<TopicPartition> _revokedDuringPoll = [];
    private readonly List<TopicPartition> _everRevoked = [];
    // Per owned partition, the first offset the group has not committed as far as this member knows.
    private readonly Dictionary<TopicPartition, long> _uncommittedFrom = [];

    public IReadOnlyList<TopicPartition> Assigned
    {
        get
        {
            lock (_lock)
                return [.. _assigned];
        }
    }

    public IReadOnlyList<TopicPartition> EverRevoked
    {
        get
        {
            lock (_lock)
                return [.. _everRevoked];
        }
    }

    public void Assign(IEnumerable<TopicPartition> partitions)
    {
        lock (_lock)
        {
            foreach (var partition in partitions)
            {
                _assigned.Add(partition);
                _revokedDuringPoll.Remove(partition);
            }
        }
    }

    public void Revoke(IEnumerable<TopicPartition> partitions)
    {
        lock (_lock)
        {
            foreach (var partition in partitions)
            {
                _assigned.Remove(partition);
                _uncommittedFrom.Remove(partition);
                _revokedDuringPoll.Add(partition);
                _everRevoked.Add(partition);
            }
        }
    }

    public void PollStarting()
    {
        lock (_lock)
            _revokedDuringPoll.Clear();
    }

    /// <summary>Drops messages of partitions revoked during the poll and notes where each partition's uncommitted run starts.</summary>
    public List<LogMessage> PollFinished(List<LogMessage> batch)
    {
        lock (_lock)
        {
            if (_revokedDuringPoll.Count > 0)
                batch.RemoveAll(m => _revokedDuringPoll.Contains(new TopicPartition(m.Topic, m.Partition)));
            foreach (var message in batch)
                _uncommittedFrom.TryAdd(new TopicPartition(message.Topic, message.Partition), message.Offset);
        }

        return batch;
    }

    public void Committed(IEnumerable<TopicPartitionOffset> offsets)
    {
        lock (_lock)
        {
            foreach (var offset in offsets.Where(o => _assigned.Contains(o.TopicPartition)))
                _uncommittedFrom[offset.TopicPartition] = Math.Max(offset.Offset.Value, _uncommittedFrom.GetValueOrDefault(offset.TopicPartition));
        }
    }

    /// <summary>Lag per owned partition, from <paramref name="highWatermark"/> (the client's cached value: no broker call).</summary>
    public List<Measurement<long>> Lag(Func<TopicPartition, Offset> highWatermark)
    {
        var measurements = new List<Measurement<long>>();
        lock (_lock)
        {
            foreach (var (partition, from) in _uncommittedFrom)
            {
                var high = highWatermark(partition);
                if (high.IsSpecial)
                    continue;
                measurements.Add(new Measurement<long>(
                    Math.Max(0, high.Value - from),
                    new KeyValuePair<string, object?>("messaging.consumer.group.name", group),
                    new KeyValuePair<string, object?>("messaging.destination.name", partition.Topic),
                    new KeyValuePair<string, object?>("messaging.destination.partition.id", partition.Partition.Value)));
            }
        }

        return measurements;
    }
}
