using System.Collections.Concurrent;
using System.Text;
using LifeOS.Eventing;
using Microsoft.Extensions.Logging.Abstractions;

namespace LifeOS.Testing.Eventing;

/// <summary>The contract every <see cref="IEventLog"/> implementation must pass; one subclass per implementation.</summary>
public abstract class EventLogContract : IAsyncLifetime
{
    private IEventLog? _log;

    protected IEventLog Log => _log ?? throw new InvalidOperationException("not initialised");

    /// <summary>Opens the log under test on its storage, which survives <see cref="ReopenAsync"/>.</summary>
    protected abstract Task<IEventLog> OpenAsync();

    public async ValueTask InitializeAsync() => _log = await OpenAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_log is not null)
            await _log.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Simulates a process restart: the old client is gone, a new one opens the same storage.</summary>
    protected async Task ReopenAsync()
    {
        await Log.DisposeAsync();
        _log = await OpenAsync();
    }

    // Unique names keep tests independent when implementations share one broker.
    protected static string NewTopic() => "test.contract." + Guid.NewGuid().ToString("N")[..12];

    protected static OutgoingMessage Message(string topic, string key, string value, Dictionary<string, string>? headers = null) =>
        new(topic, key, Encoding.UTF8.GetBytes(value), headers ?? [], DateTimeOffset.UtcNow);

    protected static string Text(LogMessage message) => Encoding.UTF8.GetString(message.Value.Span);

    /// <summary>Returns once every member owns its share of the group's partitions.</summary>
    /// <remarks>
    /// The embedded log assigns partitions when a member joins. A Kafka member joins on its first poll and a rebalance
    /// takes a few rounds, so partitions read before it ends may be read again by their next owner (at least once);
    /// tests that assert an exact split wait here first.
    /// </remarks>
    protected virtual Task WaitUntilAssignedAsync(IReadOnlyList<IEventConsumer> members) => Task.CompletedTask;

    protected async Task<List<LogMessage>> DrainAsync(IEventConsumer consumer, int expected, TimeSpan? timeout = null)
    {
        var received = new List<LogMessage>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (received.Count < expected && DateTime.UtcNow < deadline)
            received.AddRange(await consumer.PollAsync(500, TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken));
        return received;
    }

    [Fact]
    public async Task Appended_messages_are_delivered_with_key_headers_and_value()
    {
        var topic = NewTopic();
        await Log.EnsureTopicsAsync([new TopicSpec(topic, 1, TimeSpan.FromDays(1))]);
        await Log.AppendAsync([Message(topic, "watch-1", "{\"value\":61}", new() { ["ce_id"] = "e1" })]);

        await using var consumer = await Log.SubscribeAsync("g", [topic]);
        var received = await DrainAsync(consumer, 1);

        var message = Assert.Single(received);
        Assert.Equal(topic, message.Topic);
        Assert.Equal("watch-1", message.Key);
        Assert.Equal("{\"value\":61}", Text(message));
        Assert.Equal("e1", message.Headers["ce_id"]);
    }

    [Fact]
    public async Task Order_holds_per_key_across_partitions()
    {
        var topic = NewTopic();
        await Log.EnsureTopicsAsync([new TopicSpec(topic, 4, TimeSpan.FromDays(1))]);
        var keys = Enumerable.Range(0, 8).Select(i => $"device-{i}").ToArray();
        for (var round = 0; round < 5; round++)
            await Log.AppendAsync([.. Enumerable.Range(0, 40).Select(i => Message(topic, keys[i % keys.Length], $"{round * 40 + i}"))]);

        await using var consumer = await Log.SubscribeAsync("g", [topic]);
        var received = await DrainAsync(consumer, 200);

        Assert.Equal(200, received.Count);
        foreach (var perKey in received.GroupBy(m => m.Key))
        {
            var values = perKey.Select(m => int.Parse(Text(m))).ToList();
            Assert.Equal(values.Order(), values);
        }
    }

    [Fact]
    public async Task Every_group_receives_every_message()
    {
        var topic = NewTopic();
        await Log.EnsureTopicsAsync([new TopicSpec(topic, 2, TimeSpan.FromDays(1))]);
        await Log.AppendAsync([.. Enumerable.Range(0, 50).Select(i => Message(topic, $"k{i}", $"{i}"))]);

        await using var first = await Log.SubscribeAsync("group-a", [topic]);
        await using var second = await Log.SubscribeAsync("group-b", [topic]);

        Assert.Equal(50, (await DrainAsync(first, 50)).Select(Text).Distinct().Count());
        Assert.Equal(50, (await DrainAsync(second, 50)).Select(Text).Distinct().Count());
    }

    [Fact]
    public async Task Members_of_one_group_share_the_messages_without_overlap()
    {
        var topic = NewTopic();
        await Log.EnsureTopicsAsync([new TopicSpec(topic, 4, TimeSpan.FromDays(1))]);
        await using var first = await Log.SubscribeAsync("shared", [topic]);
        await using var second = await Log.SubscribeAsync("shared", [topic]);
        await WaitUntilAssignedAsync([first, second]);
        await Log.AppendAsync([.. Enumerable.Range(0, 200).Select(i => Message(topic, $"k{i}", $"{i}"))]);

        var a = new List<LogMessage>();
        var b = new List<LogMessage>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (a.Count + b.Count < 200 && DateTime.UtcNow < deadline)
        {
            a.AddRange(await first.PollAsync(100, TimeSpan.FromMilliseconds(100)));
            b.AddRange(await second.PollAsync(100, TimeSpan.FromMilliseconds(100)));
        }

        Assert.Equal(200, a.Count + b.Count);
        Assert.NotEmpty(a);
        Assert.NotEmpty(b);
        Assert.Empty(a.Select(Text).Intersect(b.Select(Text)));
    }

    [Fact]
    public async Task Uncommitted_messages_are_redelivered_after_a_crash()
    {
        var topic = NewTopic();
        await Log.EnsureTopicsAsync([new TopicSpec(topic, 1, TimeSpan.FromDays(1))]);
        await Log.AppendAsync([.. Enumerable.Range(0, 10).Select(i => Message(topic, "k", $"{i}"))]);

        await using (var crashed = await Log.SubscribeAsync("g", [topic]))
        {
            var firstTry = await DrainAsync(crashed, 10);
            Assert.Equal(10, firstTry.Count);
            await crashed.CommitAsync(firstTry.Take(4).ToList());
            // The member dies here without committing the other six.
        }

        await ReopenAsync();
        await using var restarted = await Log.SubscribeAsync("g", [topic]);
        var redelivered = await DrainAsync(restarted, 6);
        Assert.Equal(["4", "5", "6", "7", "8", "9"], redelivered.Select(Text));
    }

    [Fact]
    public async Task Committed_messages_are_not_delivered_again_after_a_restart()
    {
        var topic = NewTopic();
        await Log.EnsureTopicsAsync([new TopicSpec(topic, 2, TimeSpan.FromDays(1))]);
        await Log.AppendAsync([.. Enumerable.Range(0, 20).Select(i => Message(topic, $"k{i}", $"{i}"))]);
        await using (var consumer = await Log.SubscribeAsync("g", [topic]))
            await consumer.CommitAsync(await DrainAsync(consumer, 20));

        await ReopenAsync();
        await Log.AppendAsync([Message(topic, "k0", "after")]);
        await using var restarted = await Log.SubscribeAsync("g", [topic]);
        var received = await DrainAsync(restarted, 1);
        Assert.Equal(["after"], received.Select(Text));
        Assert.Empty(await restarted.PollAsync(10, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Acknowledged_appends_from_concurrent_callers_are_all_durable()
    {
        var topic = NewTopic();
        await Log.EnsureTopicsAsync([new TopicSpec(topic, 3, TimeSpan.FromDays(1))]);
        var acknowledged = new ConcurrentBag<string>();
        await Parallel.ForAsync(0, 64, async (caller, ct) =>
        {
            for (var i = 0; i < 5; i++)
            {
                var value = $"{caller}-{i}";
                await Log.AppendAsync([Message(topic, $"caller-{caller}", value)], ct);
                acknowledged.Add(value);
            }
        });

        await ReopenAsync();
        await using var consumer = await Log.SubscribeAsync("g", [topic]);
        var received = await DrainAsync(consumer, acknowledged.Count);
        Assert.Equal(acknowledged.Order(), received.Select(Text).Order());
    }

    [Fact]
    public async Task Poll_returns_empty_when_nothing_arrives_in_time()
    {
        var topic = NewTopic();
        await Log.EnsureTopicsAsync([new TopicSpec(topic, 1, TimeSpan.FromDays(1))]);
        await using var consumer = await Log.SubscribeAsync("g", [topic]);
        Assert.Empty(await consumer.PollAsync(10, TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task A_waiting_poll_wakes_up_for_a_new_message()
    {
        var topic = NewTopic();
        await Log.EnsureTopicsAsync([new TopicSpec(topic, 1, TimeSpan.FromDays(1))]);
        await using var consumer = await Log.SubscribeAsync("g", [topic]);
        _ = await consumer.PollAsync(10, TimeSpan.FromMilliseconds(100));
        var poll = consumer.PollAsync(10, TimeSpan.FromSeconds(20));
        await Log.AppendAsync([Message(topic, "k", "wake")]);
        Assert.Equal(["wake"], (await poll).Select(Text));
    }

    [Fact]
    public async Task A_poison_message_is_retried_then_dead_lettered_while_its_neighbours_are_processed()
    {
        var topic = NewTopic();
        await Log.EnsureTopicsAsync([new TopicSpec(topic, 1, TimeSpan.FromDays(1))]);
        await Log.AppendAsync([.. Enumerable.Range(0, 5).Select(i => Message(topic, "k", i == 2 ? "poison" : $"{i}"))]);

        var handled = new ConcurrentBag<string>();
        var poisonAttempts = 0;
        var processor = new EventProcessor(Log, NullLogger<EventProcessor>.Instance);
        var options = new ProcessorOptions { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(5), PollWait = TimeSpan.FromMilliseconds(100) };
        using var stop = new CancellationTokenSource();
        var run = processor.RunAsync("workers", [topic], (batch, _) =>
        {
            if (batch.Any(m => Text(m) == "poison"))
            {
                if (batch.Count == 1)
                    Interlocked.Increment(ref poisonAttempts);
                throw new InvalidOperationException("cannot parse poison");
            }

            foreach (var message in batch)
                handled.Add(Text(message));
            return Task.CompletedTask;
        }, options, stop.Token);

        await using var deadLetters = await Log.SubscribeAsync("dlq-reader", [topic + ".dlq"]);
        var dead = await DrainAsync(deadLetters, 1);
        var deadLetter = Assert.Single(dead);
        Assert.Equal("poison", Text(deadLetter));
        Assert.Equal(topic, deadLetter.Headers[EventProcessor.OriginalTopicHeader]);
        Assert.Contains("cannot parse poison", deadLetter.Headers[EventProcessor.ErrorHeader]);
        Assert.Equal(3, poisonAttempts);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (handled.Count < 4 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(["0", "1", "3", "4"], handled.Order());

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Transient_failures_are_retried_until_they_pass_and_never_dead_lettered()
    {
        var topic = NewTopic();
        await Log.EnsureTopicsAsync([new TopicSpec(topic, 1, TimeSpan.FromDays(1))]);
        await Log.AppendAsync([Message(topic, "k", "flaky")]);

        var attempts = 0;
        var done = new TaskCompletionSource();
        var processor = new EventProcessor(Log, NullLogger<EventProcessor>.Instance);
        var options = new ProcessorOptions
        {
            MaxAttempts = 2,
            InitialBackoff = TimeSpan.FromMilliseconds(5),
            PollWait = TimeSpan.FromMilliseconds(100),
            IsTransient = ex => ex is TimeoutException,
        };
        using var stop = new CancellationTokenSource();
        var run = processor.RunAsync("workers", [topic], (_, _) =>
        {
            if (Interlocked.Increment(ref attempts) < 6)
                throw new TimeoutException("database restarting");
            done.TrySetResult();
            return Task.CompletedTask;
        }, options, stop.Token);

        await done.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await run;

        Assert.Equal(6, attempts);
        await using var deadLetters = await Log.SubscribeAsync("dlq-reader", [topic + ".dlq"]);
        Assert.Empty(await deadLetters.PollAsync(10, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Lag_counts_what_the_group_has_not_committed()
    {
        var topic = NewTopic();
        await Log.EnsureTopicsAsync([new TopicSpec(topic, 2, TimeSpan.FromDays(1))]);
        await Log.AppendAsync([.. Enumerable.Range(0, 30).Select(i => Message(topic, $"k{i}", $"{i}"))]);
        Assert.Equal(30, await Log.GetLagAsync("g", [topic]));

        await using var consumer = await Log.SubscribeAsync("g", [topic]);
        var received = await DrainAsync(consumer, 30);
        var committed = received.Take(10).ToList();
        await consumer.CommitAsync(committed);
        var highestCommitted = committed.GroupBy(m => m.Partition).ToDictionary(g => g.Key, g => g.Max(m => m.Offset));
        var expected = received.Count(m => !highestCommitted.TryGetValue(m.Partition, out var max) || m.Offset > max);
        Assert.Equal(expected, await Log.GetLagAsync("g", [topic]));

        await consumer.CommitAsync(received);
        Assert.Equal(0, await Log.GetLagAsync("g", [topic]));
    }
}
