using LifeOS.State;

namespace LifeOS.Testing.State;

public abstract partial class StateStoreContract
{
    [Fact]
    public async Task A_rate_counter_allows_the_limit_per_window_per_subject_then_refuses_until_the_window_ends()
    {
        var onOne = new FixedWindowRateCounter(Store, "ingest", limit: 3, Ttl);
        var onTwo = new FixedWindowRateCounter(Replica, "ingest", limit: 3, Ttl);

        Assert.True((await onOne.HitAsync("device-a")).Allowed);
        Assert.True((await onTwo.HitAsync("device-a")).Allowed);
        var third = await onOne.HitAsync("device-a");
        Assert.True(third.Allowed);
        Assert.Equal(0, third.Remaining);
        Assert.Equal(TimeSpan.Zero, third.RetryAfter);

        var refused = await onTwo.HitAsync("device-a");
        Assert.False(refused.Allowed);
        Assert.Equal(4, refused.Count);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromTicks(1), Ttl);
        Assert.True((await onOne.HitAsync("device-b")).Allowed);
        // Another limit with the same subject counts on its own.
        Assert.True((await new FixedWindowRateCounter(Store, "login", 1, Ttl).HitAsync("device-a")).Allowed);

        await AdvanceAsync(Ttl * 1.5);

        var next = await onOne.HitAsync("device-a");
        Assert.True(next.Allowed);
        Assert.Equal(1, next.Count);
    }

    [Fact]
    public async Task Concurrent_hits_never_let_more_than_the_limit_through()
    {
        var decisions = await RaceAsync(40, (store, _) => new FixedWindowRateCounter(store, "api", limit: 10, Long).HitAsync("user-1"));

        Assert.Equal(10, decisions.Count(d => d.Allowed));
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.True(d.RetryAfter > TimeSpan.Zero));
    }

    [Fact]
    public async Task A_heavier_hit_counts_its_cost()
    {
        var counter = new FixedWindowRateCounter(Store, "bytes", limit: 100, Long);

        Assert.True((await counter.HitAsync("u", cost: 60)).Allowed);
        var over = await counter.HitAsync("u", cost: 60);

        Assert.False(over.Allowed);
        Assert.Equal(120, over.Count);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => counter.HitAsync("u", cost: 0));
    }
}
