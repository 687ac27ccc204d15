namespace LifeOS.Storage;

/// <summary>Users, their password hashes and their bearer-token grants; tokens are stored only as SHA-256 hashes.</summary>
public interface IAccountStore
{
    /// <summary>Creates the user when missing (login = the id in lower case, no password); returns its id.</summary>
    Task<string> EnsureUserAsync(string userId, string name, CancellationToken cancellationToken = default);

    /// <summary>True once any user exists (a fresh install has none).</summary>
    Task<bool> AnyUserAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a new user; false when the id or the login is taken.</summary>
    Task<bool> CreateUserAsync(UserAccount user, CancellationToken cancellationToken = default);

    Task<UserAccount?> FindUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Finds a user by login name (compared in lower case).</summary>
    Task<UserAccount?> FindUserByLoginAsync(string login, CancellationToken cancellationToken = default);

    /// <summary>Replaces the user's password hash; false when the user does not exist.</summary>
    Task<bool> SetPasswordHashAsync(string userId, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Stores a token grant; an existing grant with the same hash is kept as it is.</summary>
    Task SaveTokenAsync(TokenGrant grant, CancellationToken cancellationToken = default);

    Task<TokenGrant?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Every grant of a user, revoked ones included, newest first.</summary>
    Task<IReadOnlyList<TokenGrant>> ListTokensAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Revokes the user's unrevoked grants that match; returns them (so caches can forget their hashes).</summary>
    Task<IReadOnlyList<TokenGrant>> RevokeTokensAsync(string userId, TokenSelector selector, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records that a grant was used; callers throttle this, it is a write.</summary>
    Task TouchTokenAsync(string tokenHash, DateTimeOffset seen, CancellationToken cancellationToken = default);
}

public enum TokenKind
{
    /// <summary>A personal access token (the bootstrap token is one): scoped, optionally expiring.</summary>
    User,
    /// <summary>A device's token: may ingest for that one device (and its allowed event types) and nothing else.</summary>
    Device,
}

/// <summary>A stored bearer-token grant.</summary>
/// <param name="Scope">Space-separated scopes; null means every scope (grants made before scopes existed, the bootstrap token).</param>
/// <param name="EventTypes">Space-separated event types a device token may send; null means any.</param>
public sealed record TokenGrant(
    string Hash,
    string UserId,
    TokenKind Kind,
    string? Device,
    string Name,
    DateTimeOffset Created,
    DateTimeOffset? Revoked = null,
    string? Scope = null,
    string? EventTypes = null,
    DateTimeOffset? Expires = null,
    DateTimeOffset? LastSeen = null)
{
    /// <summary>The public handle of the grant: a prefix of the hash, which tells nothing about the token itself.</summary>
    public string Id => Hash.Length > IdLength ? Hash[..IdLength] : Hash;

    public const int IdLength = 16;

    /// <summary>True while the grant may be used: not revoked and not expired.</summary>
    public bool IsActive(DateTimeOffset now) => Revoked is null && (Expires is null || Expires > now);
}

/// <summary>Which of a user's grants to revoke: one by id, every token of one device, or all of them.</summary>
public sealed record TokenSelector(string? Id = null, string? Device = null)
{
    public static readonly TokenSelector All = new();

    public bool Matches(TokenGrant grant) =>
        (Id is null || string.Equals(grant.Id, Id, StringComparison.Ordinal))
        && (Device is null || (grant.Kind == TokenKind.Device && string.Equals(grant.Device, Device, StringComparison.Ordinal)));
}

/// <summary>A user: an opaque id that data is keyed by, a login name, and a password hash when one was set.</summary>
public sealed record UserAccount(string Id, string Login, string Name, string? PasswordHash, DateTimeOffset Created);
