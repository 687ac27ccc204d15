using LifeOS.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace LifeOS.Identity;

/// <summary>Keeps token and session lookups off the hot path for a few seconds; revocations here evict at once.</summary>
/// <remarks>
/// Another replica that revoked a credential cannot evict this process's copy, so a revoked credential works at most
/// <see cref="CacheFor"/> longer on other replicas. Unknown tokens are not cached, so a flood of guesses cannot fill memory.
/// </remarks>
public sealed class CredentialCache(IAccountStore accounts, ISessionStore sessions, IMemoryCache cache)
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

    public async Task<bool> IsSessionActiveAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue<bool>(SessionKey(sessionId), out var active))
            return active;
        var session = await sessions.FindSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        active = session is { Revoked: null };
        cache.Set(SessionKey(sessionId), active, CacheFor);
        return active;
    }

    public void ForgetGrant(string hash) => cache.Remove(GrantKey(hash));

    public void ForgetSession(string sessionId) => cache.Remove(SessionKey(sessionId));

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
