using System.Threading.RateLimiting;
using LifeOS.State;

namespace LifeOS.Identity.Limits;

/// <summary>A fixed-window limiter whose counter lives in the state store (Redis when split), so every replica counts
/// against one budget per credential.</summary>
/// <remarks>The counter is remote, so nothing can be decided synchronously: <c>AttemptAcquire</c> declines and the rate
/// limiting middleware then awaits <c>AcquireAsync</c>, which does the one atomic increment.</remarks>
internal sealed class StateStoreRateLimiter(FixedWindowRateCounter counter, string subject, TimeProvider clock) : RateLimiter
{
    private long _lastUsedTicks = clock.GetUtcNow().UtcTicks;

    public override TimeSpan? IdleDuration => TimeSpan.FromTicks(clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastUsedTicks));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? Lease.Granted : Lease.Undecided;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsedTicks, clock.GetUtcNow().UtcTicks);
        if (permitCount == 0)
            return Lease.Granted;
        var decision = await counter.HitAsync(subject, permitCount, cancellationToken).ConfigureAwait(false);
        return decision.Allowed ? Lease.Granted : new Lease(false, decision.RetryAfter);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);
        public static readonly Lease Undecided = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
