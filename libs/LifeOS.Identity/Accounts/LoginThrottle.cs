using LifeOS.Identity.Limits;
using LifeOS.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LifeOS.Identity.Accounts;

/// <summary>Counts login attempts per account (shared through the state store when one is registered), so password
/// guessing against one account is slowed however many addresses it comes from.</summary>
public sealed class LoginThrottle
{
    private readonly FixedWindowRateCounter _attempts;

    public LoginThrottle(IServiceProvider services, IOptions<LimitsOptions> options)
    {
        var limits = options.Value;
        var store = services.GetService<IStateStore>() ?? new InProcessStateStore(services.GetService<TimeProvider>() ?? TimeProvider.System);
        _attempts = new FixedWindowRateCounter(store, "login-attempts", Math.Max(1, limits.LoginsPerAccountPerWindow), limits.AccountLoginWindow);
    }

    /// <summary>Counts an attempt on <paramref name="login"/>; when over the limit, how long until attempts are taken again.</summary>
    public async Task<TimeSpan?> AttemptAsync(string login, CancellationToken cancellationToken)
    {
        var decision = await _attempts.HitAsync(login.ToLowerInvariant(), 1, cancellationToken).ConfigureAwait(false);
        return decision.Allowed ? null : decision.RetryAfter;
    }
}
