using LifeOS.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace LifeOS.Identity;

/// <summary>Keeps token and session lookups off the hot path for a few seconds; revocations here evict at once.</summary>
/// <remarks>
/// Another replica that revoked a credential cannot evict this process's copy, so a revoked credential works at most
/// <see cref="CacheFor"/> longer on other replicas. Unknown tokens are not cached, so a flood of guesses cannot fill memory.
/// </remarks>
public sealed class CredentialCache(IAccountStore accounts, ISessionStore sessions, IMemoryCache cache, CredentialWatches watches)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    public async Task<TokenGrant?> FindGrantAsync(string hash, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue<TokenGrant>(GrantKey(hash), out var cached))
            return cached;
        var grant = await accounts.FindTokenAsync(hash, cancellationToken).ConfigureAwait(false);
        if (grant is not null)
            cache.Set(GrantKey(hash), grant, CacheFor);
        return grant;
    }

    /// <summary>True when the session is live and belongs to <paramref name="userId"/>: a token naming one account as its
    /// subject and another account's session is refused even when its signature is good.</summary>
    public async Task<bool> IsSessionActiveAsync(string sessionId, string userId, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue<string>(SessionKey(sessionId), out var owner))
        {
            var session = await sessions.FindSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
            // An ended or unknown session caches as an owner no user id equals.
            owner = session is { Revoked: null } ? session.UserId : "";
            cache.Set(SessionKey(sessionId), owner, CacheFor);
        }

        return !string.IsNullOrEmpty(owner) && string.Equals(owner, userId, StringComparison.Ordinal);
    }

    /// <summary>Called once a token is revoked in the store: the cached copy goes, and streams it opened close.</summary>
    public void ForgetGrant(string hash)
    {
        cache.Remove(GrantKey(hash));
        watches.GrantRevoked(hash);
    }

    /// <summary>Called once a session has ended in the store: the cached copy goes, and streams its access tokens opened close.</summary>
    public void ForgetSession(string sessionId)
    {
        cache.Remove(SessionKey(sessionId));
        watches.SessionEnded(sessionId);
    }

    /// <summary>True when this process should record a use of the grant now (at most once a minute per grant).</summary>
    public bool ShouldTouch(string hash)
    {
        var key = "touch:" + hash;
        if (cache.TryGetValue(key, out _))
            return false;
        cache.Set(key, true, TimeSpan.FromMinutes(1));
        return true;
    }

    private static string GrantKey(string hash) => "grant:" + hash;

    private static string SessionKey(string id) => "session:" + id;
}
