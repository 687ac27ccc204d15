namespace LifeOS.Eventing.Embedded;

/// <summary>In-process group membership: shares each topic's partitions among the members of a group.</summary>
/// <remarks>
/// Assignment is a plain round-robin over members in join order, recomputed whenever a member joins or leaves or a
/// topic appears. A member that gains a partition resumes at the group's committed offset, so work it did not
/// commit is delivered again — the same at-least-once contract Kafka gives on a rebalance.
/// </remarks>
internal sealed class ConsumerGroups(SqliteEventLog log)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<SqliteEventConsumer>> _members = new(StringComparer.Ordinal);

    public void Join(SqliteEventConsumer consumer)
    {
        lock (_lock)
        {
            if (!_members.TryGetValue(consumer.Group, out var members))
                _members[consumer.Group] = members = [];
            members.Add(consumer);
            Assign(members);
        }
    }

    public void Leave(SqliteEventConsumer consumer)
    {
        lock (_lock)
        {
            if (_members.TryGetValue(consumer.Group, out var members) && members.Remove(consumer))
                Assign(members);
        }
    }

    public void Rebalance()
    {
        lock (_lock)
        {
            foreach (var members in _members.Values)
                Assign(members);
        }
    }

    public void CloseAll()
    {
        lock (_lock)
        {
            foreach (var member in _members.Values.SelectMany(m => m))
                member.Assign([]);
            _members.Clear();
        }
    }

    private void Assign(List<SqliteEventConsumer> members)
    {
        var assignments = members.ToDictionary(m => m, _ => new List<(string, int)>());
        var topics = members.SelectMany(m => m.Topics).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            var subscribers = members.Where(m => m.Topics.Contains(topic)).ToList();
            var partitions = log.PartitionCount(topic);
            for (var partition = 0; partition < partitions; partition++)
                assignments[subscribers[partition % subscribers.Count]].Add((topic, partition));
        }

        foreach (var (member, assigned) in assignments)
            member.Assign(assigned);
    }
}
