namespace LifeOS.State;

/// <summary>The answer to one hit: whether it is allowed, the window's count so far and, when refused, how long until
/// the window resets (for a Retry-After header).</summary>
public readonly record struct RateDecision(bool Allowed, long Count, long Limit, TimeSpan RetryAfter)
{
    /// <summary>How many more hits the current window allows.</summary>
    public long Remaining => Math.Max(0, Limit - Count);
}
