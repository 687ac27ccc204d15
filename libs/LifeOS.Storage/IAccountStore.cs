namespace LifeOS.Storage;

/// <summary>Users and their bearer tokens; tokens are stored only as SHA-256 hashes.</summary>
public interface IAccountStore
{
    /// <summary>Creates the user when missing; returns its id.</summary>
    Task<string> EnsureUserAsync(string userId, string name, CancellationToken cancellationToken = default);

    /// <summary>True once any user exists (a fresh install has none).</summary>
    Task<bool> AnyUserAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a token grant; an existing grant with the same hash is kept as it is.</summary>
    Task SaveTokenAsync(TokenGrant grant, CancellationToken cancellationToken = default);

    Task<TokenGrant?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken = default);
}

public enum TokenKind
{
    /// <summary>A user's token: may ingest for any of the user's devices and query.</summary>
    User,
    /// <summary>A device's token: may ingest for that one device and nothing else.</summary>
    Device,
}

public sealed record TokenGrant(string Hash, string UserId, TokenKind Kind, string? Device, string Name, DateTimeOffset Created, DateTimeOffset? Revoked = null);
