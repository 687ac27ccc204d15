namespace LifeOS.Storage;

/// <summary>Grants of one user's data to another: a role, optionally limited to event types and a time range.</summary>
public interface IShareStore
{
    /// <summary>Stores a share, revoking any active share between the same owner and grantee (one share per pair).</summary>
    Task CreateAsync(DataShare share, CancellationToken cancellationToken = default);

    /// <summary>The active share from <paramref name="ownerId"/> to <paramref name="granteeId"/>, if any.</summary>
    Task<DataShare?> FindActiveAsync(string ownerId, string granteeId, CancellationToken cancellationToken = default);

    /// <summary>Active shares the user gave and received.</summary>
    Task<IReadOnlyList<DataShare>> ListAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Revokes a share the user gave or received; returns it, or null when no such active share exists.</summary>
    Task<DataShare?> RevokeAsync(string userId, string shareId, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>What a grantee may do with the owner's data.</summary>
public enum ShareRole
{
    /// <summary>Read.</summary>
    Viewer = 1,
    /// <summary>Read and annotate.</summary>
    Collaborator = 2,
    /// <summary>Everything the owner can do with the data (the owner's own role).</summary>
    Owner = 3,
}

/// <summary>One share.</summary>
/// <param name="Types">Space-separated event types the grantee may see; null means all.</param>
/// <param name="From">When set, only data at or after this time.</param>
/// <param name="To">When set, only data before this time.</param>
public sealed record DataShare(
    string Id,
    string OwnerId,
    string GranteeId,
    ShareRole Role,
    string? Types,
    DateTimeOffset? From,
    DateTimeOffset? To,
    DateTimeOffset Created,
    DateTimeOffset? Revoked = null);
