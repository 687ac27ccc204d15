using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace LifeOS.State.Redis;

/// <summary>Registers the Redis state store, or picks between it and the in-process one.</summary>
public static class RedisStateExtensions
{
    /// <summary>Registers <see cref="RedisStateStore"/> as the <see cref="IStateStore"/> (one connection for the
    /// process) and the state helpers. <paramref name="keyPrefix"/> separates deployments sharing a server.</summary>
    public static IServiceCollection AddRedisStateStore(this IServiceCollection services, string connectionString, string? keyPrefix = null)
    {
        // Parse now, so a malformed connection string fails at startup rather than at the first request.
        var options = RedisConnection.Options(connectionString);
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        services.AddSingleton<IStateStore>(sp => new RedisStateStore(sp.GetRequiredService<IConnectionMultiplexer>(), keyPrefix));
        return services.AddStateHelpers();
    }

    /// <summary>Redis when a connection string is given (e.g. <c>ConnectionStrings:redis</c>), the in-process store when
    /// it is missing: the single-process shape needs no server.</summary>
    public static IServiceCollection AddStateStore(this IServiceCollection services, string? redisConnectionString, string? keyPrefix = null) =>
        string.IsNullOrWhiteSpace(redisConnectionString)
            ? services.AddInProcessStateStore()
            : services.AddRedisStateStore(redisConnectionString, keyPrefix);
}
