using System.Collections.Concurrent;
using System.Security.Claims;
using LifeOS.Storage;
using Microsoft.Extensions.Logging;

namespace LifeOS.Identity;

/// <summary>Tells long-lived connections (WebSocket streams) when the credential they were opened with stops being
/// valid: at once when this process revokes it, and within <see cref="PollEvery"/> when another process does (each
/// watch re-reads its grant or session from the store, past the cache).</summary>
public sealed class CredentialWatches(IAccountStore accounts, ISessionStore sessions, TimeProvider clock, ILogger<CredentialWatches> logger)
{
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    // Every open watch; a revocation looks through them all. Streams are few per credential and revocations rare, and one
    // flat set leaves nothing behind when a credential's last stream closes.
    private readonly ConcurrentDictionary<CredentialWatch, byte> _open = new();

    /// <summary>Starts watching the credential <paramref name="user"/> authenticated with; dispose the watch when the
    /// connection ends.</summary>
    public CredentialWatch Watch(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var caller = Caller.From(user);
        var hash = user.FindFirstValue(Caller.TokenHashClaim);
        var key = hash is not null ? GrantKey(hash) : SessionKey(caller.SessionId ?? throw new InvalidOperationException("no credential to watch"));
        var watch = new CredentialWatch(this, key, ct => StillValidAsync(hash, caller, ct), clock, logger);
        _open.TryAdd(watch, 0);
        watch.Start();
        return watch;
    }

    /// <summary>This process revoked a token: its open connections end now.</summary>
    public void GrantRevoked(string hash) => Revoked(GrantKey(hash));

    /// <summary>This process ended a session: connections opened with its access tokens end now.</summary>
    public void SessionEnded(string sessionId) => Revoked(SessionKey(sessionId));

    internal void Forget(CredentialWatch watch) => _open.TryRemove(watch, out _);

    private void Revoked(string key)
    {
        foreach (var watch in _open.Keys)
        {
            if (string.Equals(watch.Key, key, StringComparison.Ordinal))
                watch.Revoke();
        }
    }

    private async Task<bool> StillValidAsync(string? hash, Caller caller, CancellationToken cancellationToken)
    {
        if (hash is not null)
            return await accounts.FindTokenAsync(hash, cancellationToken).ConfigureAwait(false) is { } grant && grant.IsActive(clock.GetUtcNow());
        return await sessions.FindSessionAsync(caller.SessionId!, cancellationToken).ConfigureAwait(false) is { Revoked: null } session
            && string.Equals(session.UserId, caller.UserId, StringComparison.Ordinal);
    }

    private static string GrantKey(string hash) => "grant:" + hash;

    private static string SessionKey(string sessionId) => "session:" + sessionId;
}

/// <summary>One connection's view of its credential: <see cref="Revoked"/> is cancelled when the credential stops being valid.</summary>
public sealed class CredentialWatch : IDisposable
{
    private readonly CredentialWatches _owner;
    private readonly Func<CancellationToken, Task<bool>> _stillValid;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _revoked = new();
    private readonly CancellationTokenSource _stop = new();

    internal CredentialWatch(CredentialWatches owner, string key, Func<CancellationToken, Task<bool>> stillValid, TimeProvider clock, ILogger logger)
    {
        _owner = owner;
        Key = key;
        _stillValid = stillValid;
        _clock = clock;
        _logger = logger;
    }

    internal string Key { get; }

    /// <summary>Cancelled once the credential has been revoked, has expired or its session has ended.</summary>
    public CancellationToken Revoked => _revoked.Token;

    public bool IsRevoked => _revoked.IsCancellationRequested;

    internal void Start() => _ = PollAsync(_stop.Token);

    internal void Revoke()
    {
        try
        {
            _revoked.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection ended at the same moment.
        }
    }

    // The token is taken once: Dispose cancels it and then disposes its source, which a later read of _stop.Token would throw on.
    private async Task PollAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(CredentialWatches.PollEvery, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                if (!await _stillValid(stop).ConfigureAwait(false))
                {
                    Revoke();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the connection ended.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A store that cannot answer does not end the stream; the next request's authentication will tell.
            _logger.LogWarning(e, "Could not re-check an open stream's credential");
        }
    }

    public void Dispose()
    {
        _owner.Forget(this);
        _stop.Cancel();
        _stop.Dispose();
        _revoked.Dispose();
    }
}
