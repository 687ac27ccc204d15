namespace LifeOS.ServiceDefaults.Resilience;

/// <summary>How every outgoing HttpClient call is retried, timed out and cut off (settings under <c>LifeOS:Http:Resilience</c>).</summary>
/// <remarks>The defaults follow Microsoft.Extensions.Http.Resilience's standard handler, which does not restore here.</remarks>
public sealed class HttpResilienceOptions
{
    public const string Section = "LifeOS:Http:Resilience";

    /// <summary>The whole call, retries and their waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One attempt; a slow answer is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt (idempotent methods only).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest Retry-After the client waits out; a longer one ends the retries.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of failed calls, within <see cref="SamplingDuration"/>, that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls seen within <see cref="SamplingDuration"/> before the ratio counts.</summary>
    public int MinimumThroughput { get; set; } = 20;

    /// <summary>How long an open circuit fails calls at once before it lets a trial call through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
