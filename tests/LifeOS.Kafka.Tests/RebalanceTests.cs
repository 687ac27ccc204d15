using static LifeOS.Kafka.Tests.KafkaTestKit;

namespace LifeOS.Kafka.Tests;

/// <summary>Cooperative-sticky rebalancing: a member joining or leaving moves only the partitions that must move.</summary>
public sealed class RebalanceTests(MockClusterFixture fixture) : IClassFixture<MockClusterFixture>
{
    [Fact]
    public async Task A_second_member_takes_over_only_the_partitions_that_move()
    {
        await using var log = new KafkaEventLog(fixture.Options());
        var topic = NewName("rebalance");
        var group = NewName("group");
        await log.EnsureTopicsAsync([new TopicSpec(topic, 4, TimeSpan.FromDays(1))], Cancellation);
        await log.AppendAsync([.. Enumerable.Range(0, 100).Select(i => Message(topic, $"k{i}", $"{i}"))], Cancellation);

        await using var first = (KafkaEventConsumer)await log.SubscribeAsync(group, [topic], Cancellation);
        var before = await DrainAsync(first, 100);
        await first.CommitAsync(before, Cancellation);
        var initially = first.Assignment.ToHashSet();
        Assert.Equal(4, initially.Count);

        await using var second = (KafkaEventConsumer)await log.SubscribeAsync(group, [topic], Cancellation);
        await GroupAssignment.WaitUntilSettledAsync([first, second]);

        // Eager rebalancing would have revoked all four from the first member and handed two back.
        Assert.Equal(second.Assignment.ToHashSet(), first.RevokedPartitions.ToHashSet());
        Assert.Equal(first.RevokedPartitions.Count, first.RevokedPartitions.Distinct().Count());
        Assert.Subset(initially, first.Assignment.ToHashSet());
        Assert.Equal(initially, first.Assignment.Concat(second.Assignment).ToHashSet());
        Assert.Empty(second.RevokedPartitions);

        await log.AppendAsync([.. Enumerable.Range(100, 100).Select(i => Message(topic, $"k{i}", $"{i}"))], Cancellation);
        var a = new List<LogMessage>();
        var b = new List<LogMessage>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (a.Count + b.Count < 100 && DateTime.UtcNow < deadline)
        {
            a.AddRange(await first.PollAsync(100, TimeSpan.FromMilliseconds(100), Cancellation));
            b.AddRange(await second.PollAsync(100, TimeSpan.FromMilliseconds(100), Cancellation));
        }

        // Everything before the join was committed, so nothing is read twice and each member reads only its own partitions.
        Assert.Equal(Enumerable.Range(100, 100), a.Concat(b).Select(m => int.Parse(Text(m))).Order());
        Assert.All(a, m => Assert.Contains(new Confluent.Kafka.TopicPartition(topic, m.Partition), first.Assignment));
        Assert.All(b, m => Assert.Contains(new Confluent.Kafka.TopicPartition(topic, m.Partition), second.Assignment));
    }

    [Fact]
    public async Task A_member_that_leaves_hands_its_partitions_to_the_others()
    {
        await using var log = new KafkaEventLog(fixture.Options());
        var topic = NewName("leave");
        var group = NewName("group");
        await log.EnsureTopicsAsync([new TopicSpec(topic, 4, TimeSpan.FromDays(1))], Cancellation);

        await using var staying = (KafkaEventConsumer)await log.SubscribeAsync(group, [topic], Cancellation);
        var leaving = (KafkaEventConsumer)await log.SubscribeAsync(group, [topic], Cancellation);
        await GroupAssignment.WaitUntilSettledAsync([staying, leaving]);
        var kept = staying.Assignment.ToHashSet();
        await leaving.DisposeAsync();

        await log.AppendAsync([.. Enumerable.Range(0, 50).Select(i => Message(topic, $"k{i}", $"{i}"))], Cancellation);
        var received = await DrainAsync(staying, 50);

        Assert.Equal(Enumerable.Range(0, 50), received.Select(m => int.Parse(Text(m))).Order());
        Assert.Equal(4, staying.Assignment.Count);
        Assert.Empty(staying.RevokedPartitions.Intersect(kept));
    }
}
