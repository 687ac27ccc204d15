namespace LifeOS.State.Tests;

/// <summary>What a Redis restart does to the store: its ephemeral state is gone, the connection comes back.</summary>
public sealed class RedisRestartTests
{
    [Fact]
    public async Task The_store_reconnects_after_the_server_restarts_and_its_scripts_run_again()
    {
        await using var server = await RedisServer.StartNewAsync();
        Assert.SkipUnless(server.CanRestart, server.CannotRestartReason ?? "");
        await using var store = await RedisStateStore.ConnectAsync(server.ConnectionString);
        Assert.Equal(1, (await store.IncrementAsync("counter", TimeSpan.FromMinutes(1))).Value);
        Assert.Equal(1, await store.HashPutAsync("hash", "f", new byte[] { 1 }, TimeSpan.FromMinutes(1)));

        await server.RestartAsync();

        // The first calls may meet the dropped connection; the store must recover without being rebuilt.
        var value = await RetryAsync(() => store.IncrementAsync("counter", TimeSpan.FromMinutes(1)));
        Assert.Equal(1, value.Value);
        Assert.Equal(1, await store.HashPutAsync("hash", "g", new byte[] { 1 }, TimeSpan.FromMinutes(1)));
        Assert.True(await store.TryAcquireLockAsync("lock", "me", TimeSpan.FromMinutes(1)));
        Assert.True(await store.ReleaseLockAsync("lock", "me"));
    }

    [Fact]
    public async Task A_store_created_before_the_server_is_up_works_once_it_is()
    {
        await using var server = await RedisServer.StartNewAsync();
        Assert.SkipUnless(server.CanRestart, server.CannotRestartReason ?? "");
        await server.StopAsync();

        await using var store = await RedisStateStore.ConnectAsync(server.ConnectionString);
        await Assert.ThrowsAnyAsync<Exception>(() => store.GetAsync("k"));
        await server.StartAsync();

        Assert.True(await RetryAsync(() => store.SetIfAbsentAsync("k", new byte[] { 1 }, TimeSpan.FromMinutes(1))));
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> operation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (StackExchange.Redis.RedisConnectionException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }
}
