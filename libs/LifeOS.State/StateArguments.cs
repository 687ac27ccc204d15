namespace LifeOS.State;

/// <summary>The argument rules every <see cref="IStateStore"/> implementation applies the same way.</summary>
public static class StateArguments
{
    /// <summary>Checks a key: non-empty.</summary>
    public static string Key(string key, string? parameterName = "key")
    {
        ArgumentException.ThrowIfNullOrEmpty(key, parameterName);
        return key;
    }

    /// <summary>Checks a time to live and returns it in whole milliseconds, rounded up: Redis keeps expiries to the
    /// millisecond, so the in-process store does too and both expire a key at the same moment.</summary>
    public static long TtlMilliseconds(TimeSpan ttl, string? parameterName = "ttl")
    {
        if (ttl <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(parameterName, ttl, "a time to live must be positive");
        return (long)Math.Ceiling(ttl.TotalMilliseconds);
    }

    /// <summary>Checks a lock token: non-empty, since an empty owner could not be told from another.</summary>
    public static string Token(string token, string? parameterName = "token")
    {
        ArgumentException.ThrowIfNullOrEmpty(token, parameterName);
        return token;
    }

    /// <summary>A time as the milliseconds since the Unix epoch that time-indexed sets sort by.</summary>
    public static long Score(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
}
