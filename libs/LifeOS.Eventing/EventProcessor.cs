using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using LifeOS.Contracts;
using Microsoft.Extensions.Logging;

namespace LifeOS.Eventing;

/// <summary>How a consumer loop retries and when it gives up on a message.</summary>
public sealed record ProcessorOptions
{
    public int MaxBatch { get; init; } = 1000;
    public TimeSpan PollWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts per message (and per batch) before a message is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 4;
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Errors that are the world's fault, not the message's (a database restart): retried until they pass, never dead-lettered.</summary>
    public Func<Exception, bool> IsTransient { get; init; } = _ => false;
}

/// <summary>The consumer loop every worker runs: poll a batch, handle it, retry with backoff, dead-letter what still fails, commit.</summary>
public sealed class EventProcessor(IEventLog log, ILogger<EventProcessor> logger)
{
    public const string ActivitySourceName = "LifeOS.Eventing";
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    private static readonly Meter Meter = new(ActivitySourceName);
    private static readonly Counter<long> Processed = Meter.CreateCounter<long>("lifeos.events.processed", "{message}");
    private static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("lifeos.events.dead_lettered", "{message}");

    public const string ErrorHeader = "dlq-error";
    public const string OriginalTopicHeader = "dlq-original-topic";
    public const string OriginalPartitionHeader = "dlq-original-partition";
    public const string OriginalOffsetHeader = "dlq-original-offset";
    public const string AttemptsHeader = "dlq-attempts";

    /// <summary>Runs until cancelled. The handler must be idempotent: after a crash a batch may be delivered again.</summary>
    public async Task RunAsync(
        string group,
        IReadOnlyCollection<string> topics,
        Func<IReadOnlyList<LogMessage>, CancellationToken, Task> handleBatch,
        ProcessorOptions options,
        CancellationToken cancellationToken)
    {
        await using var consumer = await log.SubscribeAsync(group, topics, cancellationToken).ConfigureAwait(false);
        // The commit of one batch overlaps the poll and handling of the next; it is awaited before the next commit,
        // so commits stay in order and nothing is committed before it was handled.
        var pendingCommit = Task.CompletedTask;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await consumer.PollAsync(options.MaxBatch, options.PollWait, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                    continue;

                await HandleBatchAsync(group, batch, handleBatch, options, cancellationToken).ConfigureAwait(false);
                await pendingCommit.ConfigureAwait(false);
                pendingCommit = consumer.CommitAsync([.. batch], cancellationToken);
                Processed.Add(batch.Count, new KeyValuePair<string, object?>("group", group));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: whatever was not committed is delivered again to the next member.
        }

        try
        {
            await pendingCommit.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The last commit was cancelled with the host; its batch is redelivered, which handlers tolerate.
        }
    }

    private async Task HandleBatchAsync(
        string group,
        IReadOnlyList<LogMessage> batch,
        Func<IReadOnlyList<LogMessage>, CancellationToken, Task> handleBatch,
        ProcessorOptions options,
        CancellationToken cancellationToken)
    {
        using var activity = StartActivity(group, batch);
        activity?.SetTag("messaging.batch.message_count", batch.Count);
        await HandleAsync(group, batch, handleBatch, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleAsync(
        string group,
        IReadOnlyList<LogMessage> batch,
        Func<IReadOnlyList<LogMessage>, CancellationToken, Task> handleBatch,
        ProcessorOptions options,
        CancellationToken cancellationToken)
    {
        var failure = await TryWithRetriesAsync(() => handleBatch(batch, cancellationToken), options, cancellationToken).ConfigureAwait(false);
        if (failure is null)
            return;

        if (batch.Count > 1)
            logger.LogWarning(failure, "Group {Group}: a batch of {Count} failed; handling its messages one by one", group, batch.Count);

        // Find the poison messages: each one gets its own retries, so one bad message never dead-letters its neighbours.
        foreach (var message in batch)
        {
            var error = batch.Count == 1
                ? failure
                : await TryWithRetriesAsync(() => handleBatch([message], cancellationToken), options, cancellationToken).ConfigureAwait(false);
            if (error is not null)
                await DeadLetterAsync(group, message, error, options, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Exception?> TryWithRetriesAsync(Func<Task> attempt, ProcessorOptions options, CancellationToken cancellationToken)
    {
        var backoff = options.InitialBackoff;
        for (var tries = 1; ; tries++)
        {
            try
            {
                await attempt().ConfigureAwait(false);
                return null;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (tries >= options.MaxAttempts && !options.IsTransient(ex))
                    return ex;

                logger.LogDebug(ex, "Attempt {Attempt} failed; retrying in {Backoff}", tries, backoff);
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(options.MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }

    private async Task DeadLetterAsync(string group, LogMessage message, Exception error, ProcessorOptions options, CancellationToken cancellationToken)
    {
        logger.LogError(error, "Group {Group}: dead-lettering {Topic}/{Partition}@{Offset}", group, message.Topic, message.Partition, message.Offset);
        var headers = new Dictionary<string, string>(message.Headers, StringComparer.Ordinal)
        {
            [ErrorHeader] = error.GetType().Name + ": " + error.Message,
            [OriginalTopicHeader] = message.Topic,
            [OriginalPartitionHeader] = message.Partition.ToString(CultureInfo.InvariantCulture),
            [OriginalOffsetHeader] = message.Offset.ToString(CultureInfo.InvariantCulture),
            [AttemptsHeader] = options.MaxAttempts.ToString(CultureInfo.InvariantCulture),
        };
        var deadLetter = new OutgoingMessage(TopicNames.DeadLetterOf(message.Topic), message.Key, message.Value, headers, message.Timestamp);
        await log.AppendAsync([deadLetter], cancellationToken).ConfigureAwait(false);
        DeadLettered.Add(1, new KeyValuePair<string, object?>("topic", message.Topic));
    }

    private static Activity? StartActivity(string group, IReadOnlyList<LogMessage> batch)
    {
        // The batch continues the trace of its first message and links the others, as OpenTelemetry's messaging conventions suggest.
        ActivityContext.TryParse(batch[0].Headers.GetValueOrDefault(CloudEventCodec.TraceParentHeader), null, out var parent);
        var links = batch.Skip(1).Take(32)
            .Select(m => ActivityContext.TryParse(m.Headers.GetValueOrDefault(CloudEventCodec.TraceParentHeader), null, out var c) ? c : default)
            .Where(c => c != default)
            .Select(c => new ActivityLink(c));
        var activity = ActivitySource.StartActivity($"process {batch[0].Topic}", ActivityKind.Consumer, parent, links: links);
        activity?.SetTag("messaging.consumer.group.name", group);
        activity?.SetTag("messaging.destination.name", batch[0].Topic);
        return activity;
    }
}
