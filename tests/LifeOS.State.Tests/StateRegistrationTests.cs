using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.State.Tests;

/// <summary>How a host gets its state store: Redis when a connection string is configured, in process otherwise.</summary>
public sealed class StateRegistrationTests(RedisServer server)
{
    [Fact]
    public async Task Without_a_connection_string_the_in_process_store_and_helpers_are_registered()
    {
        await using var provider = new ServiceCollection().AddStateStore(redisConnectionString: null).BuildServiceProvider();

        Assert.IsType<InProcessStateStore>(provider.GetRequiredService<IStateStore>());
        Assert.NotNull(provider.GetRequiredService<DistributedLock>());
        Assert.NotNull(provider.GetRequiredService<ChunkAssembler>());
        Assert.NotNull(provider.GetRequiredService<CameraFramePairer>());
    }

    [Fact]
    public async Task With_a_connection_string_the_Redis_store_is_registered_and_reaches_the_server()
    {
        var prefix = RedisServer.NewKeyPrefix();
        await using var provider = new ServiceCollection()
            .AddStateStore(server.ConnectionString, prefix)
            .AddSingleton(new ChunkAssemblyOptions { MaxChunkCount = 2 })
            .BuildServiceProvider();
        var store = provider.GetRequiredService<IStateStore>();

        Assert.IsType<RedisStateStore>(store);
        await using (await provider.GetRequiredService<DistributedLock>().AcquireAsync("k", TimeSpan.FromSeconds(30), TimeSpan.Zero))
            Assert.Null(await provider.GetRequiredService<DistributedLock>().TryAcquireAsync("k", TimeSpan.FromSeconds(30)));
        // Registered options reach the helpers.
        await Assert.ThrowsAsync<ArgumentException>(
            () => provider.GetRequiredService<ChunkAssembler>().AddAsync(new FileChunk("u", "f", 0, 3, Bytes: [1])));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("password=only")]
    public void A_malformed_Redis_connection_string_fails_at_registration(string connectionString)
    {
        Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddRedisStateStore(connectionString));
    }
}
