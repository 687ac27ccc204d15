namespace LifeOS.State;

/// <summary>Thrown when a lock stayed held by someone else for longer than the caller was willing to wait.</summary>
public sealed class LockTimeoutException(string key, TimeSpan timeout)
    : TimeoutException($"lock '{key}' was still held after waiting {timeout.TotalMilliseconds:0} ms")
{
    /// <summary>The key of the lock.</summary>
    public string Key { get; } = key;
}
