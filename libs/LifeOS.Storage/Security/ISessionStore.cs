namespace LifeOS.Storage;

/// <summary>Login sessions and their rotating refresh tokens (stored as SHA-256 hashes).</summary>
/// <remarks>
/// A session is a family of refresh tokens: each refresh uses one up and issues the next. Presenting a used one again
/// means it was stolen (or replayed), so the whole family is revoked.
/// </remarks>
public interface ISessionStore
{
    /// <summary>Starts a session with its first refresh token.</summary>
    Task CreateAsync(LoginSession session, RefreshGrant first, CancellationToken cancellationToken = default);

    Task<LoginSession?> FindSessionAsync(string sessionId, CancellationToken cancellationToken = default);

    Task<RefreshGrant?> FindRefreshAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Marks <paramref name="usedHash"/> used and stores <paramref name="next"/>, atomically; false (and nothing
    /// stored) when the old token was already used, or its session revoked.</summary>
    Task<bool> RotateAsync(string usedHash, RefreshGrant next, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Revokes one session; false when it was not active.</summary>
    Task<bool> RevokeAsync(string sessionId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Revokes every active session of a user except <paramref name="keep"/>; returns their ids.</summary>
    Task<IReadOnlyList<string>> RevokeAllAsync(string userId, string? keep, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>One login: what access tokens name in their <c>sid</c> claim, so logging out ends them too.</summary>
public sealed record LoginSession(string Id, string UserId, DateTimeOffset Created, DateTimeOffset? Revoked = null);

/// <summary>A refresh token of a session.</summary>
public sealed record RefreshGrant(string Hash, string SessionId, string UserId, DateTimeOffset Created, DateTimeOffset Expires, DateTimeOffset? Used = null);
