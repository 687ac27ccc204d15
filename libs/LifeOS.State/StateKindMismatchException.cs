namespace LifeOS.State;

/// <summary>Thrown when a key is used as a kind of data it does not hold (a hash read as a value, a text value
/// incremented as a counter).</summary>
public sealed class StateKindMismatchException(string key, string message) : InvalidOperationException($"state key '{key}': {message}")
{
    /// <summary>The key that was misused.</summary>
    public string Key { get; } = key;
}
