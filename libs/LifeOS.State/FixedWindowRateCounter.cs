namespace LifeOS.State;

/// <summary>A rate limit shared by every replica: at most <c>limit</c> hits per subject in each fixed window.</summary>
/// <remarks>Fixed windows let a burst of up to twice the limit straddle a boundary; that is the price of one atomic
/// increment per hit, which is all a distributed counter can afford on a hot path.</remarks>
public sealed class FixedWindowRateCounter
{
    private const string KeyKind = "rate";
    private readonly IStateStore _store;
    private readonly string _name;

    /// <summary>A counter named <paramref name="name"/> (one per limited thing: "ingest", "login", ...).</summary>
    public FixedWindowRateCounter(IStateStore store, string name, long limit, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        StateArguments.TtlMilliseconds(window, nameof(window));
        _store = store;
        _name = name;
        Limit = limit;
        Window = window;
    }

    /// <summary>The most hits a subject may make in one window.</summary>
    public long Limit { get; }

    /// <summary>The length of a window.</summary>
    public TimeSpan Window { get; }

    /// <summary>Counts a hit of <paramref name="cost"/> for <paramref name="subject"/> (a user, device or address) and
    /// says whether it is within the limit. Refused hits still count, so a client hammering a closed window keeps it
    /// closed until the window ends.</summary>
    public async Task<RateDecision> HitAsync(string subject, long cost = 1, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cost);
        var counter = await _store.IncrementAsync(StateKeys.Of(KeyKind, _name, subject), Window, cost, cancellationToken).ConfigureAwait(false);
        var allowed = counter.Value <= Limit;
        return new RateDecision(allowed, counter.Value, Limit, allowed ? TimeSpan.Zero : counter.Remaining);
    }
}
