namespace LifeOS.State.Tests;

/// <summary>The state store contract on Redis: a real server, real expiry, two connections standing for two replicas.</summary>
public sealed class RedisStateStoreTests(RedisServer server) : StateStoreContract
{
    protected override async Task<(IStateStore Store, IStateStore Replica)> OpenAsync()
    {
        var prefix = RedisServer.NewKeyPrefix();
        return (await RedisStateStore.ConnectAsync(server.ConnectionString, prefix),
                await RedisStateStore.ConnectAsync(server.ConnectionString, prefix));
    }

    // Redis keeps its own clock: the only way to let time pass for it is to wait.
    protected override Task AdvanceAsync(TimeSpan by) => Task.Delay(by);

    [Fact]
    public async Task Stores_with_different_key_prefixes_do_not_see_each_other()
    {
        await using var other = await RedisStateStore.ConnectAsync(server.ConnectionString, RedisServer.NewKeyPrefix());
        await Store.SetAsync("same-name", new byte[] { 1 }, TimeSpan.FromMinutes(1));

        Assert.Null(await other.GetAsync("same-name"));
        Assert.True(await other.SetIfAbsentAsync("same-name", new byte[] { 2 }, TimeSpan.FromMinutes(1)));
        Assert.Equal([1], await Store.GetAsync("same-name"));
    }

    [Fact]
    public async Task Every_key_the_store_writes_carries_an_expiry_on_the_server()
    {
        var prefix = RedisServer.NewKeyPrefix();
        await using var store = await RedisStateStore.ConnectAsync(server.ConnectionString, prefix);
        await store.SetAsync("v", new byte[] { 1 }, TimeSpan.FromMinutes(1));
        await store.IncrementAsync("c", TimeSpan.FromMinutes(1));
        await store.HashPutAsync("h", "f", new byte[] { 1 }, TimeSpan.FromMinutes(1));
        await store.TimeSetAddAsync("s", "m", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1));
        await store.TryAcquireLockAsync("l", "t", TimeSpan.FromMinutes(1));

        using var raw = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        var db = raw.GetDatabase();
        foreach (var key in new[] { "v", "c", "h", "s", "l" })
        {
            var ttl = await db.KeyTimeToLiveAsync(prefix + key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
        }
    }
}
