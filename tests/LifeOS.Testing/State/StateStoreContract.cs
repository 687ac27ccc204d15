using System.Text;
using LifeOS.State;

namespace LifeOS.Testing.State;

/// <summary>The contract every <see cref="IStateStore"/> implementation must pass; one subclass per implementation.</summary>
/// <remarks>
/// Each test gets a fresh, isolated store and a second client over the same data (<see cref="Replica"/>), standing
/// for another replica of a service. Time moves through <see cref="AdvanceAsync"/>: a fake clock in process, a real
/// sleep against a server, which is why expiry tests use times to live of hundreds of milliseconds. The helpers built
/// on the port (locks, chunk assembly, camera pairing, rate counters) are part of the contract, in the other parts of
/// this class.
/// </remarks>
public abstract partial class StateStoreContract : IAsyncLifetime
{
    /// <summary>The time to live of expiry tests: long enough that a busy machine does not expire a key early, short
    /// enough that sleeping past it keeps a server-backed run quick.</summary>
    protected static readonly TimeSpan Ttl = TimeSpan.FromMilliseconds(800);

    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    private IStateStore? _store;
    private IStateStore? _replica;

    protected IStateStore Store => _store ?? throw new InvalidOperationException("not initialised");

    /// <summary>Another client over the same data, as a second replica would hold.</summary>
    protected IStateStore Replica => _replica ?? throw new InvalidOperationException("not initialised");

    /// <summary>Opens a store no other test sees, and a second client over the same data (the same object in process).</summary>
    protected abstract Task<(IStateStore Store, IStateStore Replica)> OpenAsync();

    /// <summary>Lets <paramref name="by"/> pass for the store's expiry clock.</summary>
    protected abstract Task AdvanceAsync(TimeSpan by);

    public async ValueTask InitializeAsync() => (_store, _replica) = await OpenAsync();

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var store in new[] { _replica, _store }.Distinct())
        {
            if (store is IAsyncDisposable asyncDisposable)
                await asyncDisposable.DisposeAsync();
            else
                (store as IDisposable)?.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[]? bytes) => bytes is null ? "<absent>" : Encoding.UTF8.GetString(bytes);

    /// <summary>Runs <paramref name="count"/> callers at once, alternating between the two clients, released together.</summary>
    protected async Task<T[]> RaceAsync<T>(int count, Func<IStateStore, int, Task<T>> caller)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await caller(i % 2 == 0 ? Store : Replica, i);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    // ---- values ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_value_reads_back_and_a_missing_key_reads_as_null()
    {
        await Store.SetAsync("greeting", Bytes("hello"), Long);

        Assert.Equal("hello", Text(await Store.GetAsync("greeting")));
        Assert.Equal("hello", Text(await Replica.GetAsync("greeting")));
        Assert.Null(await Store.GetAsync("nobody-wrote-this"));
    }

    [Fact]
    public async Task A_value_expires_after_its_time_to_live()
    {
        await Store.SetAsync("session", Bytes("v"), Ttl);
        await AdvanceAsync(Ttl * 0.25);
        Assert.Equal("v", Text(await Store.GetAsync("session")));

        await AdvanceAsync(Ttl * 1.25);

        Assert.Null(await Store.GetAsync("session"));
        Assert.False(await Store.DeleteAsync("session"));
    }

    [Fact]
    public async Task Set_replaces_the_value_and_its_time_to_live()
    {
        await Store.SetAsync("k", Bytes("first"), Ttl);
        await Store.SetAsync("k", Bytes("second"), Long);

        await AdvanceAsync(Ttl * 1.5);

        Assert.Equal("second", Text(await Store.GetAsync("k")));
    }

    [Fact]
    public async Task Delete_removes_a_key_of_any_kind_and_says_whether_it_existed()
    {
        await Store.SetAsync("value", Bytes("v"), Long);
        await Store.HashPutAsync("hash", "f", Bytes("v"), Long);
        await Store.TimeSetAddAsync("set", "m", DateTimeOffset.UnixEpoch, Long);

        Assert.True(await Store.DeleteAsync("value"));
        Assert.True(await Replica.DeleteAsync("hash"));
        Assert.True(await Store.DeleteAsync("set"));
        Assert.False(await Store.DeleteAsync("value"));
        Assert.Null(await Store.GetAsync("value"));
        Assert.Empty(await Store.HashGetAllAsync("hash"));
        Assert.Empty(await Store.TimeSetRangeAsync("set", DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
    }

    [Fact]
    public async Task Set_if_absent_writes_only_when_the_key_is_free_and_again_once_it_expired()
    {
        Assert.True(await Store.SetIfAbsentAsync("dedupe:event-1", Bytes("first"), Ttl));
        Assert.False(await Replica.SetIfAbsentAsync("dedupe:event-1", Bytes("second"), Ttl));
        Assert.Equal("first", Text(await Store.GetAsync("dedupe:event-1")));

        await AdvanceAsync(Ttl * 1.5);

        Assert.True(await Replica.SetIfAbsentAsync("dedupe:event-1", Bytes("third"), Ttl));
        Assert.Equal("third", Text(await Store.GetAsync("dedupe:event-1")));
    }

    [Fact]
    public async Task Of_many_concurrent_set_if_absent_callers_exactly_one_wins()
    {
        var won = await RaceAsync(32, (store, i) => store.SetIfAbsentAsync("dedupe:batch-7", Bytes($"caller-{i}"), Long));

        Assert.Single(won, w => w);
        var winner = Array.IndexOf(won, true);
        Assert.Equal($"caller-{winner}", Text(await Store.GetAsync("dedupe:batch-7")));
    }

    // ---- counters ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_counter_window_starts_at_the_first_increment_and_is_not_extended_by_later_ones()
    {
        var first = await Store.IncrementAsync("hits", Ttl);
        Assert.Equal(1, first.Value);
        Assert.InRange(first.Remaining, Ttl * 0.5, Ttl);

        await AdvanceAsync(Ttl * 0.25);
        var second = await Replica.IncrementAsync("hits", Ttl, by: 5);
        Assert.Equal(6, second.Value);
        // About Ttl * 0.75 remains; an extended window would show the whole Ttl again. The margin absorbs a sleep that
        // wakes a millisecond early against the server's clock.
        Assert.InRange(second.Remaining, TimeSpan.Zero, Ttl * 0.85);
        Assert.Equal("6", Text(await Store.GetAsync("hits")));

        await AdvanceAsync(Ttl);

        var fresh = await Store.IncrementAsync("hits", Ttl);
        Assert.Equal(1, fresh.Value);
        Assert.InRange(fresh.Remaining, Ttl * 0.5, Ttl);
    }

    [Fact]
    public async Task Concurrent_increments_are_each_counted_once()
    {
        var values = await RaceAsync(64, (store, _) => store.IncrementAsync("busy", Long));

        Assert.Equal(Enumerable.Range(1, 64).Select(i => (long)i), values.Select(v => v.Value).Order());
    }

    [Fact]
    public async Task Incrementing_something_that_is_not_a_counter_is_refused()
    {
        await Store.SetAsync("text", Bytes("not a number"), Long);
        await Store.HashPutAsync("hash", "f", Bytes("1"), Long);

        var text = await Assert.ThrowsAsync<StateKindMismatchException>(() => Store.IncrementAsync("text", Long));
        Assert.Equal("text", text.Key);
        await Assert.ThrowsAsync<StateKindMismatchException>(() => Replica.IncrementAsync("hash", Long));
        Assert.Equal("not a number", Text(await Store.GetAsync("text")));
    }

    // ---- hashes ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Hash_fields_put_in_any_order_read_back_and_a_repeated_field_is_counted_once()
    {
        Assert.Equal(1, await Store.HashPutAsync("file", "2", Bytes("c"), Long));
        Assert.Equal(2, await Replica.HashPutAsync("file", "0", Bytes("a"), Long));
        Assert.Equal(3, await Store.HashPutAsync("file", "1", Bytes("b"), Long));
        Assert.Equal(3, await Replica.HashPutAsync("file", "1", Bytes("b2"), Long));

        var all = await Store.HashGetAllAsync("file");

        Assert.Equal(["0", "1", "2"], all.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["a", "b2", "c"], new[] { "0", "1", "2" }.Select(f => Text(all[f])));
        Assert.Empty(await Store.HashGetAllAsync("no-such-hash"));
    }

    [Fact]
    public async Task A_hash_field_can_be_deleted_and_an_emptied_hash_is_gone()
    {
        await Store.HashPutAsync("h", "a", Bytes("1"), Long);
        await Store.HashPutAsync("h", "b", Bytes("2"), Long);

        Assert.True(await Store.HashDeleteAsync("h", "a"));
        Assert.False(await Replica.HashDeleteAsync("h", "a"));
        Assert.Equal(["b"], (await Store.HashGetAllAsync("h")).Keys);
        Assert.True(await Store.HashDeleteAsync("h", "b"));

        // An emptied hash no longer exists, so the key is free for another kind of data.
        Assert.True(await Store.SetIfAbsentAsync("h", Bytes("value now"), Long));
    }

    [Fact]
    public async Task Every_put_restarts_a_hash_time_to_live_and_the_hash_expires_whole()
    {
        await Store.HashPutAsync("chunks", "0", Bytes("a"), Ttl);
        await AdvanceAsync(Ttl * 0.6);
        await Replica.HashPutAsync("chunks", "1", Bytes("b"), Ttl);
        await AdvanceAsync(Ttl * 0.6);

        Assert.Equal(2, (await Store.HashGetAllAsync("chunks")).Count);

        await AdvanceAsync(Ttl * 1.5);

        Assert.Empty(await Store.HashGetAllAsync("chunks"));
    }

    // ---- time-indexed sets -------------------------------------------------------------------------------------

    [Fact]
    public async Task A_time_set_returns_the_members_of_a_range_oldest_first_with_both_ends_included()
    {
        var t0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await Store.TimeSetAddAsync("frames", "late", t0.AddSeconds(2), Long);
        await Replica.TimeSetAddAsync("frames", "first", t0, Long);
        await Store.TimeSetAddAsync("frames", "middle", t0.AddMilliseconds(1500), Long);
        await Store.TimeSetAddAsync("frames", "far", t0.AddSeconds(10), Long);
        await Store.TimeSetAddAsync("frames", "before", t0.AddMilliseconds(-1), Long);

        var range = await Store.TimeSetRangeAsync("frames", t0, t0.AddSeconds(2));

        Assert.Equal(
            [new TimedMember("first", t0), new TimedMember("middle", t0.AddMilliseconds(1500)), new TimedMember("late", t0.AddSeconds(2))],
            range);
        Assert.Empty(await Store.TimeSetRangeAsync("frames", t0.AddSeconds(3), t0.AddSeconds(9)));
        Assert.Empty(await Store.TimeSetRangeAsync("frames", t0.AddSeconds(2), t0));
        Assert.Empty(await Store.TimeSetRangeAsync("no-such-set", t0, t0.AddDays(1)));
    }

    [Fact]
    public async Task Adding_a_member_again_moves_it_and_members_at_one_time_come_in_ordinal_order()
    {
        var t0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await Store.TimeSetAddAsync("s", "b", t0, Long);
        await Store.TimeSetAddAsync("s", "a", t0, Long);
        await Store.TimeSetAddAsync("s", "moved", t0, Long);
        await Replica.TimeSetAddAsync("s", "moved", t0.AddSeconds(5), Long);

        var all = await Store.TimeSetRangeAsync("s", t0, t0.AddMinutes(1));

        Assert.Equal(["a", "b", "moved"], all.Select(m => m.Member));
        Assert.Equal(t0.AddSeconds(5), all[2].At);
    }

    [Fact]
    public async Task Time_set_members_can_be_removed_one_by_one_or_everything_before_a_time()
    {
        var t0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
            await Store.TimeSetAddAsync("s", $"m{i}", t0.AddSeconds(i), Long);

        Assert.True(await Store.TimeSetRemoveAsync("s", "m3"));
        Assert.False(await Replica.TimeSetRemoveAsync("s", "m3"));
        Assert.Equal(2, await Replica.TimeSetRemoveBeforeAsync("s", t0.AddSeconds(2)));
        Assert.Equal(0, await Store.TimeSetRemoveBeforeAsync("no-such-set", t0));

        var left = await Store.TimeSetRangeAsync("s", t0, t0.AddMinutes(1));
        Assert.Equal(["m2", "m4"], left.Select(m => m.Member));
    }

    [Fact]
    public async Task A_time_set_expires_after_its_last_add()
    {
        var t0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await Store.TimeSetAddAsync("s", "a", t0, Ttl);
        await AdvanceAsync(Ttl * 0.6);
        await Store.TimeSetAddAsync("s", "b", t0, Ttl);
        await AdvanceAsync(Ttl * 0.6);
        Assert.Equal(2, (await Store.TimeSetRangeAsync("s", t0, t0)).Count);

        await AdvanceAsync(Ttl * 1.5);

        Assert.Empty(await Store.TimeSetRangeAsync("s", t0, t0));
    }

    // ---- misuse ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Using_a_key_as_another_kind_of_data_is_refused_and_leaves_it_alone()
    {
        await Store.SetAsync("value", Bytes("v"), Long);
        await Store.HashPutAsync("hash", "f", Bytes("v"), Long);

        await Assert.ThrowsAsync<StateKindMismatchException>(() => Store.HashGetAllAsync("value"));
        await Assert.ThrowsAsync<StateKindMismatchException>(() => Store.HashPutAsync("value", "f", Bytes("x"), Long));
        await Assert.ThrowsAsync<StateKindMismatchException>(() => Store.TimeSetAddAsync("hash", "m", DateTimeOffset.UnixEpoch, Long));
        await Assert.ThrowsAsync<StateKindMismatchException>(() => Store.TimeSetRangeAsync("hash", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));
        await Assert.ThrowsAsync<StateKindMismatchException>(() => Store.GetAsync("hash"));
        await Assert.ThrowsAsync<StateKindMismatchException>(() => Store.ReleaseLockAsync("hash", "token"));
        Assert.Equal("v", Text(await Store.GetAsync("value")));

        // Set overwrites whatever the key held, as a cache write should.
        await Store.SetAsync("hash", Bytes("now a value"), Long);
        Assert.Equal("now a value", Text(await Store.GetAsync("hash")));
    }

    [Fact]
    public async Task Bad_arguments_are_refused_with_an_argument_exception()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetAsync(""));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.SetAsync("k", Bytes("v"), TimeSpan.Zero));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.SetIfAbsentAsync("k", Bytes("v"), TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.IncrementAsync("k", TimeSpan.Zero));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.HashPutAsync("k", null!, Bytes("v"), Long));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.TryAcquireLockAsync("k", "", Long));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ReleaseLockAsync("", "t"));
        Assert.Null(await Store.GetAsync("k"));
    }
}
