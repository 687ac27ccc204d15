using StackExchange.Redis;

namespace LifeOS.State.Redis;

/// <summary>Turns Redis's error replies for misused keys into the exceptions every <see cref="IStateStore"/> throws.</summary>
internal static class RedisErrors
{
    /// <remarks>1.2.6 takes no cancellation tokens: a cancelled caller stops waiting, the command still runs.</remarks>
    public static async Task<T> Translate<T>(string key, Task<T> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.Contains("WRONGTYPE", StringComparison.Ordinal))
        {
            throw new StateKindMismatchException(key, "holds another kind of data (" + e.Message + ")");
        }
        catch (RedisServerException e) when (e.Message.Contains("not an integer", StringComparison.Ordinal))
        {
            throw new StateKindMismatchException(key, "holds a value that is not an integer counter");
        }
        catch (RedisServerException e) when (e.Message.Contains("would overflow", StringComparison.Ordinal))
        {
            throw new OverflowException($"state key '{key}': the counter would overflow", e);
        }
    }
}
