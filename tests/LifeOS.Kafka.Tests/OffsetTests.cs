using Microsoft.Extensions.Logging.Abstractions;
using static LifeOS.Kafka.Tests.KafkaTestKit;

namespace LifeOS.Kafka.Tests;

/// <summary>Offsets are stored only after the handler succeeded: what was polled but not committed comes back.</summary>
public sealed class OffsetTests(MockClusterFixture fixture) : IClassFixture<MockClusterFixture>
{
    [Fact]
    public void Consumers_store_offsets_only_when_told_and_assign_cooperatively()
    {
        var config = KafkaClientConfigs.Consumer(fixture.Options(), "g");

        Assert.False(config.EnableAutoOffsetStore);
        Assert.Equal(Confluent.Kafka.PartitionAssignmentStrategy.CooperativeSticky, config.PartitionAssignmentStrategy);
        Assert.Equal(Confluent.Kafka.AutoOffsetReset.Earliest, config.AutoOffsetReset);
    }

    [Fact]
    public async Task A_member_closed_after_polling_but_before_committing_commits_nothing()
    {
        await using var log = new KafkaEventLog(fixture.Options());
        var topic = NewName("uncommitted");
        var group = NewName("group");
        await log.EnsureTopicsAsync([new TopicSpec(topic, 2, TimeSpan.FromDays(1))], Cancellation);
        await log.AppendAsync([.. Enumerable.Range(0, 10).Select(i => Message(topic, $"k{i}", $"{i}"))], Cancellation);

        // Close() commits stored offsets; had polling stored them, this would commit all ten.
        await using (var first = await log.SubscribeAsync(group, [topic], Cancellation))
            Assert.Equal(10, (await DrainAsync(first, 10)).Count);

        Assert.Equal(10, await log.GetLagAsync(group, [topic], Cancellation));
        await using var second = await log.SubscribeAsync(group, [topic], Cancellation);
        Assert.Equal(Enumerable.Range(0, 10), (await DrainAsync(second, 10)).Select(m => int.Parse(Text(m))).Order());
    }

    [Fact]
    public async Task A_batch_whose_handler_keeps_failing_is_never_committed()
    {
        await using var log = new KafkaEventLog(fixture.Options());
        var topic = NewName("failing");
        var group = NewName("workers");
        await log.EnsureTopicsAsync([new TopicSpec(topic, 1, TimeSpan.FromDays(1))], Cancellation);
        await log.AppendAsync([.. Enumerable.Range(0, 5).Select(i => Message(topic, "k", $"{i}"))], Cancellation);

        // A transient failure (a database down) is retried, never dead-lettered, never committed.
        var attempts = 0;
        var processor = new EventProcessor(log, NullLogger<EventProcessor>.Instance);
        var options = new ProcessorOptions { InitialBackoff = TimeSpan.FromMilliseconds(20), IsTransient = _ => true, PollWait = TimeSpan.FromMilliseconds(100) };
        using var stop = new CancellationTokenSource();
        var run = processor.RunAsync(group, [topic], (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new TimeoutException("database down");
        }, options, stop.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Volatile.Read(ref attempts) < 5 && DateTime.UtcNow < deadline)
            await Task.Delay(50, Cancellation);
        await stop.CancelAsync();
        await run;

        Assert.True(attempts >= 5);
        Assert.Equal(5, await log.GetLagAsync(group, [topic], Cancellation));
        await using var next = await log.SubscribeAsync(group, [topic], Cancellation);
        Assert.Equal(["0", "1", "2", "3", "4"], (await DrainAsync(next, 5)).Select(Text));
    }

    [Fact]
    public async Task A_commit_is_durable_in_the_group_when_it_returns()
    {
        await using var log = new KafkaEventLog(fixture.Options());
        var topic = NewName("durable");
        var group = NewName("group");
        await log.EnsureTopicsAsync([new TopicSpec(topic, 1, TimeSpan.FromDays(1))], Cancellation);
        await log.AppendAsync([.. Enumerable.Range(0, 8).Select(i => Message(topic, "k", $"{i}"))], Cancellation);
        await using var consumer = await log.SubscribeAsync(group, [topic], Cancellation);
        var received = await DrainAsync(consumer, 8);

        await consumer.CommitAsync(received.Take(3).ToList(), Cancellation);

        // Another client (a fresh log, as another process would be) reads the group's committed offset at once.
        await using var observer = new KafkaEventLog(fixture.Options());
        Assert.Equal(5, await observer.GetLagAsync(group, [topic], Cancellation));
    }
}
