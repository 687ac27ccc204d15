using System.Buffers.Binary;
using System.Globalization;
using LifeOS.Identity.Limits;
using LifeOS.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LifeOS.Identity.Accounts;

/// <summary>Locks an account's password login after too many failed logins (counted through the state store when one is
/// registered, so every replica sees them), however many addresses the guesses come from, but only for the addresses
/// that failed: the owner, logging in from elsewhere with the right password, is not locked out by someone else's guesses.</summary>
/// <remarks>While an account is locked each new address gets one try; its first failure locks it out too. Guessing is
/// therefore bounded by the limit plus one guess per fresh address per window, on top of the per-address request limit.</remarks>
public sealed class LoginThrottle
{
    private readonly IStateStore _store;
    private readonly TimeProvider _clock;
    private readonly long _limit;
    private readonly TimeSpan _window;

    public LoginThrottle(IServiceProvider services, IOptions<LimitsOptions> options)
    {
        var limits = options.Value;
        _clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _store = services.GetService<IStateStore>() ?? new InProcessStateStore(_clock);
        _limit = Math.Max(1, limits.LoginsPerAccountPerWindow);
        _window = limits.AccountLoginWindow;
    }

    /// <summary>Asked before the password is checked: when the account is locked and <paramref name="address"/> has failed
    /// on it, how long until it may try again; otherwise null.</summary>
    public async Task<TimeSpan?> RefusedAsync(string login, string address, CancellationToken cancellationToken)
    {
        var account = Account(login);
        if (await _store.GetAsync(Key("login-locked", account), cancellationToken).ConfigureAwait(false) is not { Length: 8 } until)
            return null;
        var left = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(until)) - _clock.GetUtcNow();
        if (left <= TimeSpan.Zero)
            return null;
        return await _store.GetAsync(Key("login-failed", account, address), cancellationToken).ConfigureAwait(false) is null ? null : left;
    }

    /// <summary>Records a failed login (wrong password or unknown login alike, so the answer tells nothing) from
    /// <paramref name="address"/>; the failure that reaches the limit locks the account for the rest of the window.</summary>
    public async Task FailedAsync(string login, string address, CancellationToken cancellationToken)
    {
        var account = Account(login);
        await _store.SetAsync(Key("login-failed", account, address), new byte[] { 1 }, _window, cancellationToken).ConfigureAwait(false);
        var failures = await _store.IncrementAsync(Key("login-failures", account), _window, 1, cancellationToken).ConfigureAwait(false);
        if (failures.Value < _limit || failures.Remaining <= TimeSpan.Zero)
            return;
        var until = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(until, (_clock.GetUtcNow() + failures.Remaining).ToUnixTimeMilliseconds());
        await _store.SetAsync(Key("login-locked", account), until, failures.Remaining, cancellationToken).ConfigureAwait(false);
    }

    private static string Account(string login) => login.ToLowerInvariant();

    // Length-prefixed parts: an IPv6 address and a login may both contain ':'.
    private static string Key(string kind, params string[] parts) =>
        kind + string.Concat(parts.Select(p => ":" + p.Length.ToString(CultureInfo.InvariantCulture) + ":" + p));
}
