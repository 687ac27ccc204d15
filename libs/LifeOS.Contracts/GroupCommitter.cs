using System.Threading.Channels;

namespace LifeOS.Contracts;

/// <summary>Turns many concurrent write requests into few transactions: one writer thread commits whatever has queued.</summary>
/// <remarks>
/// This is group commit: each caller's task completes only after the transaction holding its request has committed,
/// so an acknowledgement means durable, while the cost of each fsync is shared by every caller that waited for it.
/// </remarks>
public sealed class GroupCommitter<TRequest> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<IReadOnlyList<TRequest>> _commitBatch;
    private readonly int _maxBatch;
    private readonly Task _writer;

    /// <param name="commitBatch">Writes every request in one transaction; throws to roll it back.</param>
    /// <param name="maxBatch">The most requests one transaction takes, which bounds the latency of a commit.</param>
    public GroupCommitter(Action<IReadOnlyList<TRequest>> commitBatch, int maxBatch = 256)
    {
        _commitBatch = commitBatch;
        _maxBatch = maxBatch;
        // A dedicated thread: the commit delegate blocks on disk I/O and must not starve the thread pool.
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public Task SubmitAsync(TRequest request, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(request, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        // Cancelling stops the wait, not the write: a request already queued may still commit.
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoop()
    {
        var batch = new List<Pending>(_maxBatch);
        var requests = new List<TRequest>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var next))
                batch.Add(next);

            requests.Clear();
            foreach (var pending in batch)
                requests.Add(pending.Request);

            try
            {
                _commitBatch(requests);
                foreach (var pending in batch)
                    pending.Completion.TrySetResult();
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One request must not sink its neighbours: retry each on its own.
                foreach (var pending in batch)
                    CommitAlone(pending);
            }
            catch (Exception ex)
            {
                batch[0].Completion.TrySetException(ex);
            }
        }
    }

    private void CommitAlone(Pending pending)
    {
        try
        {
            _commitBatch([pending.Request]);
            pending.Completion.TrySetResult();
        }
        catch (Exception ex)
        {
            pending.Completion.TrySetException(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private sealed record Pending(TRequest Request, TaskCompletionSource Completion);
}
