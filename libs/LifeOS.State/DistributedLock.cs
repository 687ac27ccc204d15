namespace LifeOS.State;

/// <summary>Short-lived locks shared by every replica, over <see cref="IStateStore"/>:
/// <c>await using var held = await locks.AcquireAsync(key, ttl, timeout);</c>.</summary>
/// <remarks>
/// A lock expires after its time to live even if its holder dies, so the work it guards must finish well within it;
/// releasing is owner-only, so a holder that overran cannot free a lock that has since gone to someone else. The
/// store cannot notify waiters, so a waiter polls with a short, growing, jittered delay.
/// </remarks>
public sealed class DistributedLock(IStateStore store, TimeProvider? timeProvider = null)
{
    private const string KeyKind = "lock";
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(50);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Takes the lock if it is free right now; null when someone else holds it.</summary>
    public async Task<HeldLock?> TryAcquireAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        var storeKey = StateKeys.Of(KeyKind, StateArguments.Key(key));
        var token = Guid.NewGuid().ToString("N");
        return await store.TryAcquireLockAsync(storeKey, token, ttl, cancellationToken).ConfigureAwait(false)
            ? new HeldLock(store, key, storeKey, token)
            : null;
    }

    /// <summary>Takes the lock, waiting up to <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/> waits
    /// until cancelled) for its holder to let go or for it to expire.</summary>
    /// <exception cref="LockTimeoutException">The lock was still held when the timeout passed.</exception>
    public async Task<HeldLock> AcquireAsync(string key, TimeSpan ttl, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "a timeout must be zero, positive or infinite");
        var started = _time.GetTimestamp();
        var poll = FirstPoll;
        while (true)
        {
            var held = await TryAcquireAsync(key, ttl, cancellationToken).ConfigureAwait(false);
            if (held is not null)
                return held;

            var waited = _time.GetElapsedTime(started);
            if (timeout != Timeout.InfiniteTimeSpan && waited >= timeout)
                throw new LockTimeoutException(key, timeout);
            // Jitter keeps waiters that started together from retrying in lockstep.
            var delay = poll * (0.5 + Random.Shared.NextDouble());
            if (timeout != Timeout.InfiniteTimeSpan && delay > timeout - waited)
                delay = timeout - waited;
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestPoll.Ticks));
        }
    }
}
