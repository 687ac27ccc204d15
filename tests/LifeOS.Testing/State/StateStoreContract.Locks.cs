using LifeOS.State;

namespace LifeOS.Testing.State;

public abstract partial class StateStoreContract
{
    [Fact]
    public async Task A_lock_is_exclusive_and_only_its_owner_can_release_it()
    {
        Assert.True(await Store.TryAcquireLockAsync("lock:device-1", "owner", Long));
        Assert.False(await Replica.TryAcquireLockAsync("lock:device-1", "intruder", Long));

        Assert.False(await Replica.ReleaseLockAsync("lock:device-1", "intruder"));
        Assert.False(await Replica.TryAcquireLockAsync("lock:device-1", "intruder", Long));

        Assert.True(await Store.ReleaseLockAsync("lock:device-1", "owner"));
        Assert.False(await Store.ReleaseLockAsync("lock:device-1", "owner"));
        Assert.True(await Replica.TryAcquireLockAsync("lock:device-1", "intruder", Long));
    }

    [Fact]
    public async Task An_expired_lock_goes_to_the_next_caller_and_the_late_owner_cannot_release_it()
    {
        Assert.True(await Store.TryAcquireLockAsync("lock:slow", "slow-owner", Ttl));

        await AdvanceAsync(Ttl * 1.5);

        Assert.True(await Replica.TryAcquireLockAsync("lock:slow", "next-owner", Long));
        Assert.False(await Store.ReleaseLockAsync("lock:slow", "slow-owner"));
        Assert.False(await Store.TryAcquireLockAsync("lock:slow", "third", Long));
        Assert.True(await Replica.ReleaseLockAsync("lock:slow", "next-owner"));
    }

    [Fact]
    public async Task Under_contention_a_distributed_lock_admits_one_holder_at_a_time()
    {
        const int Workers = 8;
        const int Rounds = 5;
        var inside = 0;
        var mostInside = 0;
        var entries = 0;

        await RaceAsync(Workers, async (store, _) =>
        {
            var locks = new DistributedLock(store);
            for (var round = 0; round < Rounds; round++)
            {
                await using var held = await locks.AcquireAsync("ingest:u1:phone", Long, TimeSpan.FromSeconds(60));
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref mostInside, now);
                Interlocked.Increment(ref entries);
                await Task.Delay(2);
                Interlocked.Decrement(ref inside);
            }

            return 0;
        });

        Assert.Equal(1, mostInside);
        Assert.Equal(Workers * Rounds, entries);
        // Every holder released on dispose, so the lock is free again.
        Assert.NotNull(await new DistributedLock(Store).TryAcquireAsync("ingest:u1:phone", Long));
    }

    [Fact]
    public async Task Waiting_for_a_held_lock_times_out_with_a_clear_error_and_succeeds_once_it_is_released()
    {
        var locks = new DistributedLock(Store);
        var held = await locks.AcquireAsync("device:u1:watch", Long, TimeSpan.Zero);

        var timedOut = await Assert.ThrowsAsync<LockTimeoutException>(
            () => new DistributedLock(Replica).AcquireAsync("device:u1:watch", Long, TimeSpan.FromMilliseconds(200)));
        Assert.Equal("device:u1:watch", timedOut.Key);
        Assert.Null(await locks.TryAcquireAsync("device:u1:watch", Long));

        var waiter = new DistributedLock(Replica).AcquireAsync("device:u1:watch", Long, TimeSpan.FromSeconds(30));
        await Task.Delay(50);
        Assert.False(waiter.IsCompleted);
        Assert.True(await held.ReleaseAsync());
        await using var next = await waiter;
        Assert.NotEqual(held.Token, next.Token);
        // Releasing twice does nothing, and cannot free the new holder's lock.
        Assert.False(await held.ReleaseAsync());
        Assert.Null(await locks.TryAcquireAsync("device:u1:watch", Long));
    }

    [Fact]
    public async Task A_waiter_without_a_timeout_gives_up_when_cancelled()
    {
        await using var held = await new DistributedLock(Store).AcquireAsync("busy", Long, TimeSpan.Zero);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new DistributedLock(Replica).AcquireAsync("busy", Long, Timeout.InfiniteTimeSpan, cancel.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.GetAsync("busy", cancel.Token));
        Assert.True(await held.ReleaseAsync());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
                return;
            current = seen;
        }
    }
}
