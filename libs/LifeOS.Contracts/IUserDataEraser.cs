namespace LifeOS.Contracts;

/// <summary>One store's part in deleting a user's data. Every store that holds user data registers one, so
/// <c>DataDeletion</c> reaches them all; a new store joins with one registration.</summary>
public interface IUserDataEraser
{
    /// <summary>A short name for logs and the deletion report (<c>store</c>, <c>vectors</c>, <c>ledger</c>, ...).</summary>
    string Name { get; }

    /// <summary>Run order, lowest first: content, then what derives from it, then the account itself.</summary>
    int Order { get; }

    /// <summary>Removes what the selection names. Stores that only hold account-level data act only when
    /// <see cref="DataSelection.Everything"/> is true.</summary>
    Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default);
}

/// <summary>What to delete of one user's data: a time range and/or event types, or everything (the whole account).</summary>
public sealed record DataSelection(string User, DateTimeOffset? From = null, DateTimeOffset? To = null, IReadOnlyCollection<string>? Types = null)
{
    /// <summary>Nothing narrows it: the whole account goes.</summary>
    public bool Everything => From is null && To is null && Types is null;

    public static DataSelection Account(string user) => new(user);
}

/// <summary>What one eraser removed; <see cref="ReleasedBlobs"/> are blob hashes no stored event references any more.</summary>
public sealed record ErasureResult(string Store, long Removed, IReadOnlyCollection<string> ReleasedBlobs)
{
    public static ErasureResult Nothing(string store) => new(store, 0, []);
}

/// <summary>The usual run orders of erasers.</summary>
public static class ErasureOrder
{
    public const int Content = 0;
    public const int Derived = 10;
    public const int Ledger = 20;
    public const int AccountData = 50;
    public const int Account = 100;
}
