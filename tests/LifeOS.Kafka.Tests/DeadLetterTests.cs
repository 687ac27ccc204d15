using Microsoft.Extensions.Logging.Abstractions;
using static LifeOS.Kafka.Tests.KafkaTestKit;

namespace LifeOS.Kafka.Tests;

/// <summary>EventProcessor on the Kafka log: a poison message goes to <c>&lt;topic&gt;.dlq</c>, and the dead letter is counted.</summary>
public sealed class DeadLetterTests(MockClusterFixture fixture) : IClassFixture<MockClusterFixture>
{
    [Fact]
    public async Task A_poison_message_reaches_its_dead_letter_topic_with_the_failure_in_Kafka_headers()
    {
        using var metrics = new MetricCollector(EventProcessor.ActivitySourceName);
        await using var log = new KafkaEventLog(fixture.Options());
        var topic = NewName("poison");
        await log.EnsureTopicsAsync([new TopicSpec(topic, 3, TimeSpan.FromDays(1))], Cancellation);
        await log.AppendAsync(
            [.. Enumerable.Range(0, 6).Select(i => Message(topic, $"device-{i}", i == 3 ? "poison" : $"{i}", new() { ["ce_id"] = $"event-{i}" }))],
            Cancellation);

        var handled = new System.Collections.Concurrent.ConcurrentBag<string>();
        var processor = new EventProcessor(log, NullLogger<EventProcessor>.Instance);
        var options = new ProcessorOptions { MaxAttempts = 2, InitialBackoff = TimeSpan.FromMilliseconds(5), PollWait = TimeSpan.FromMilliseconds(100) };
        using var stop = new CancellationTokenSource();
        var run = processor.RunAsync(NewName("workers"), [topic], (batch, _) =>
        {
            if (batch.Any(m => Text(m) == "poison"))
                throw new FormatException("not a number: poison");
            foreach (var message in batch)
                handled.Add(Text(message));
            return Task.CompletedTask;
        }, options, stop.Token);

        var deadLetter = Assert.Single(ReadRaw(fixture.Cluster.BootstrapServers, topic + ".dlq", 1));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (handled.Count < 5 && DateTime.UtcNow < deadline)
            await Task.Delay(20, Cancellation);
        await stop.CancelAsync();
        await run;

        Assert.Equal("poison", System.Text.Encoding.UTF8.GetString(deadLetter.Message.Value));
        Assert.Equal("device-3", deadLetter.Message.Key);
        Assert.Equal("event-3", HeaderText(deadLetter, "ce_id"));
        Assert.Equal(topic, HeaderText(deadLetter, EventProcessor.OriginalTopicHeader));
        Assert.Equal("2", HeaderText(deadLetter, EventProcessor.AttemptsHeader));
        Assert.Contains("FormatException: not a number: poison", HeaderText(deadLetter, EventProcessor.ErrorHeader));
        Assert.True(long.Parse(HeaderText(deadLetter, EventProcessor.OriginalOffsetHeader)) >= 0);
        Assert.Equal(["0", "1", "2", "4", "5"], handled.Order());
        Assert.Equal(1, metrics.Of("lifeos.events.dead_lettered", "topic", topic).Sum(m => m.Value));
        Assert.Equal(1, await log.GetLagAsync("nobody-reads-it", [topic + ".dlq"], Cancellation)); // exactly one dead letter
    }
}
