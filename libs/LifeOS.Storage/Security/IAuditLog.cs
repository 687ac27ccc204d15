namespace LifeOS.Storage;

/// <summary>The append-only record of privileged actions on an account: nothing here is ever changed or removed.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>A user's entries, newest first, older than <paramref name="beforeSeq"/> when given.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string userId, long? beforeSeq, int limit, CancellationToken cancellationToken = default);
}

/// <summary>One audited action.</summary>
/// <param name="Seq">Assigned by the store (0 when appending).</param>
/// <param name="UserId">Whose account the action concerns (the reader of the entry).</param>
/// <param name="Action">What happened, e.g. <c>login</c>, <c>login.failed</c>, <c>token.created</c>, <c>data.deleted</c>.</param>
/// <param name="Actor">Who did it (a user id), when not the account's own user.</param>
/// <param name="Detail">What it touched, without secrets.</param>
/// <param name="Address">The client address, when known.</param>
public sealed record AuditEntry(long Seq, string UserId, DateTimeOffset Time, string Action, string? Actor, string? Detail, string? Address);

/// <summary>Thrown when something tries to change or remove an audit entry.</summary>
public sealed class AuditLogAppendOnlyException(string message) : InvalidOperationException(message);
