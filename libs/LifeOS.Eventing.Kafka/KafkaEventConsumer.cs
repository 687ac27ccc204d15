using System.Diagnostics;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace LifeOS.Eventing.Kafka;

/// <summary>One member of a Kafka consumer group: offsets are stored only by <see cref="CommitAsync"/>, and Close() on dispose.</summary>
internal sealed class KafkaEventConsumer : IEventConsumer
{
    // librdkafka blocks the polling thread; waiting in slices lets a cancellation or a dispose end the wait quickly.
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(100);

    private readonly IConsumer<string, byte[]> _consumer;
    private readonly ILogger _logger;
    private readonly Action<KafkaEventConsumer> _onClosed;
    private readonly PartitionOwnership _ownership;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _commitGate = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private Task _polling = Task.CompletedTask;
    private int _pollRunning;
    private bool _closed;

    public KafkaEventConsumer(KafkaEventLogOptions options, string group, IReadOnlyCollection<string> topics, ILogger logger, Action<KafkaEventConsumer> onClosed)
    {
        Group = group;
        _logger = logger;
        _onClosed = onClosed;
        _ownership = new PartitionOwnership(group);
        _consumer = new ConsumerBuilder<string, byte[]>(KafkaClientConfigs.Consumer(options, group))
            .SetPartitionsAssignedHandler((_, partitions) => Assigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => Revoked([.. partitions.Select(p => p.TopicPartition)], "revoked"))
            .SetPartitionsLostHandler((_, partitions) => Revoked([.. partitions.Select(p => p.TopicPartition)], "lost"))
            .SetLogHandler(KafkaLogging.Log(logger))
            .SetErrorHandler(KafkaLogging.Errors(logger))
            .Build();
        _consumer.Subscribe(topics);
        KafkaMetrics.Track(this);
    }

    public string Group { get; }

    /// <summary>The partitions this member owns right now.</summary>
    public IReadOnlyList<TopicPartition> Assignment => _ownership.Assigned;

    /// <summary>Every partition taken from this member so far, in order: with cooperative rebalancing, only those that moved.</summary>
    public IReadOnlyList<TopicPartition> RevokedPartitions => _ownership.EverRevoked;

    public async Task<IReadOnlyList<LogMessage>> PollAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        if (Interlocked.Exchange(ref _pollRunning, 1) == 1)
            throw new InvalidOperationException("This consumer is already polling; a group member polls from one loop at a time");
        try
        {
            Task<List<LogMessage>> poll;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_closing.IsCancellationRequested, this);
                // A thread of its own: the wait blocks inside librdkafka, and pool threads are for short work.
                poll = Task.Factory.StartNew(
                    () => Poll(maxMessages, maxWait, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                _polling = poll;
            }

            return await poll.ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _pollRunning, 0);
        }
    }

    public async Task CommitAsync(IReadOnlyCollection<LogMessage> processed, CancellationToken cancellationToken = default)
    {
        var offsets = processed
            .GroupBy(m => (m.Topic, m.Partition))
            .Select(g => new TopicPartitionOffset(g.Key.Topic, g.Key.Partition, g.Max(m => m.Offset) + 1))
            .ToList();
        if (offsets.Count == 0)
            return;

        await _commitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            // Commit blocks until the coordinator answers; once it returns the offsets are the group's.
            await Task.Run(() => Commit(offsets), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _commitGate.Release();
        }
    }

    /// <summary>Lag of each owned partition: high watermark (as last fetched) minus the first uncommitted offset.</summary>
    public IEnumerable<Measurement<long>> ObserveLag()
    {
        lock (_lock)
            return _closed ? [] : _ownership.Lag(partition => _consumer.GetWatermarkOffsets(partition).High);
    }

    private List<LogMessage> Poll(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var batch = new List<LogMessage>();
        var started = Stopwatch.GetTimestamp();
        _ownership.PollStarting();
        while (batch.Count < maxMessages)
        {
            var wait = TimeSpan.Zero;
            if (batch.Count == 0)
            {
                // Cancellation only ends the wait: a message taken from the consumer is returned, never dropped.
                cancellationToken.ThrowIfCancellationRequested();
                if (_closing.IsCancellationRequested)
                    break;
                var remaining = maxWait - Stopwatch.GetElapsedTime(started);
                wait = remaining <= TimeSpan.Zero ? TimeSpan.Zero : remaining < WaitSlice ? remaining : WaitSlice;
            }

            var result = Consume(wait);
            if (result is not null && !result.IsPartitionEOF)
                batch.Add(KafkaMessages.FromKafka(result));
            else if (batch.Count > 0 || Stopwatch.GetElapsedTime(started) >= maxWait)
                break;
        }

        return _ownership.PollFinished(batch);
    }

    private ConsumeResult<string, byte[]>? Consume(TimeSpan wait)
    {
        try
        {
            return _consumer.Consume(wait);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            // A subscribed topic that does not exist yet lands here; the member picks it up once it appears.
            _logger.LogDebug("Group {Group}: {Code} {Reason}", Group, ex.Error.Code, ex.Error.Reason);
            return null;
        }
    }

    private void Commit(List<TopicPartitionOffset> offsets)
    {
        var stored = new List<TopicPartitionOffset>(offsets.Count);
        foreach (var offset in offsets)
        {
            try
            {
                _consumer.StoreOffset(offset);
                stored.Add(offset);
            }
            catch (KafkaException ex) when (ex.Error.Code is ErrorCode.Local_State or ErrorCode.Local_UnknownPartition)
            {
                // The partition moved to another member after these were polled. It resumes from the group's committed
                // offset, so these messages are handled again there: at least once, never lost.
                _logger.LogDebug("Group {Group}: {Partition} moved before its commit; its new owner redelivers", Group, offset.TopicPartition);
            }
        }

        if (stored.Count == 0)
            return;

        try
        {
            _consumer.Commit();
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing newer than what the background commit already sent.
        }
        catch (KafkaException ex) when (IsRebalance(ex.Error.Code))
        {
            // The group is rebalancing: stored offsets are committed before the partitions move (or by the next
            // background commit), and whatever is not is redelivered.
            _logger.LogInformation("Group {Group}: commit deferred by a rebalance ({Reason})", Group, ex.Error.Reason);
        }

        _ownership.Committed(stored);
    }

    private static bool IsRebalance(ErrorCode code) =>
        code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId or ErrorCode.Local_AssignmentLost;

    private void Assigned(List<TopicPartition> partitions)
    {
        _ownership.Assign(partitions);
        _logger.LogInformation("Group {Group}: assigned {Partitions}", Group, string.Join(", ", partitions));
    }

    private void Revoked(List<TopicPartition> partitions, string how)
    {
        _ownership.Revoke(partitions);
        _logger.LogInformation("Group {Group}: {How} {Partitions}", Group, how, string.Join(", ", partitions));
    }

    public async ValueTask DisposeAsync()
    {
        Task polling;
        lock (_lock)
        {
            if (_closing.IsCancellationRequested)
                return;
            _closing.Cancel();
            polling = _polling;
        }

        // The poll ends within one wait slice; its messages were never committed, so the group redelivers them.
        await polling.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        await _commitGate.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (_lock)
                _closed = true;
            KafkaMetrics.Untrack(this);
            // Close commits the stored offsets and leaves the group at once, so the partitions move without waiting
            // for the session to time out.
            await Task.Run(Close).ConfigureAwait(false);
        }
        finally
        {
            _commitGate.Release();
        }

        _onClosed(this);
    }

    private void Close()
    {
        try
        {
            _consumer.Close();
        }
        catch (KafkaException ex)
        {
            _logger.LogWarning(ex, "Group {Group}: closing the consumer failed; the group notices when its session times out", Group);
        }
        finally
        {
            _consumer.Dispose();
        }
    }
}
