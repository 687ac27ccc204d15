using StackExchange.Redis;

namespace LifeOS.State.Redis;

/// <summary>Reads a Redis connection string into client options suited to a service that may start before Redis.</summary>
public static class RedisConnection
{
    /// <summary>Parses a StackExchange.Redis connection string (<c>host:port[,option=value...]</c>).</summary>
    /// <exception cref="ArgumentException">The connection string is empty or malformed.</exception>
    public static ConfigurationOptions Options(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"the Redis connection string is malformed: {e.Message}", nameof(connectionString), e);
        }

        if (options.EndPoints.Count == 0)
            throw new ArgumentException("the Redis connection string names no host:port", nameof(connectionString));
        // Under Aspire or Kubernetes the service may come up before Redis does; keep retrying instead of crashing.
        options.AbortOnConnectFail = false;
        return options;
    }
}
