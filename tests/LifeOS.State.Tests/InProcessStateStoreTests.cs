namespace LifeOS.State.Tests;

/// <summary>The state store contract on the in-process store, with a clock the tests move.</summary>
public sealed class InProcessStateStoreTests : StateStoreContract
{
    private readonly ManualClock _clock = new();

    protected override Task<(IStateStore Store, IStateStore Replica)> OpenAsync()
    {
        // Replicas of the single-process shape share one store object.
        var store = new InProcessStateStore(_clock);
        return Task.FromResult<(IStateStore, IStateStore)>((store, store));
    }

    protected override Task AdvanceAsync(TimeSpan by)
    {
        _clock.Advance(by);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Expired_keys_are_dropped_from_memory_without_being_read_again()
    {
        var store = (InProcessStateStore)Store;
        for (var i = 0; i < 100; i++)
            await store.SetAsync($"k{i}", new byte[1000], Ttl);
        await store.HashPutAsync("kept", "f", new byte[1], Ttl * 10);
        Assert.Equal(101, store.Count);

        _clock.Advance(Ttl * 2);

        Assert.Equal(1, store.Count);
    }
}
