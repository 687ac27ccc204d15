namespace LifeOS.Kafka.Tests;

/// <summary>Polls group members until each owns partitions and none is owned twice: the group has settled.</summary>
internal static class GroupAssignment
{
    public static async Task WaitUntilSettledAsync(IReadOnlyList<IEventConsumer> members, TimeSpan? timeout = null)
    {
        var kafkaMembers = members.Cast<KafkaEventConsumer>().ToList();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(40));
        while (DateTime.UtcNow < deadline)
        {
            // Rebalance callbacks run inside a poll, so every member has to keep polling for the group to settle.
            foreach (var member in kafkaMembers)
                Assert.Empty(await member.PollAsync(10, TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken));

            var assignments = kafkaMembers.Select(m => m.Assignment).ToList();
            var owned = assignments.SelectMany(a => a).ToList();
            if (assignments.All(a => a.Count > 0) && owned.Distinct().Count() == owned.Count)
                return;
        }

        throw new TimeoutException("the group did not settle: " + string.Join(" | ", kafkaMembers.Select(m => string.Join(",", m.Assignment))));
    }
}
