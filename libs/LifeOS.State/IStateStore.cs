namespace LifeOS.State;

/// <summary>Short-lived state shared by every replica of a service: caches, dedupe keys, counters, chunk assembly,
/// frame pairing and locks.</summary>
/// <remarks>
/// Every key expires: each write takes a time to live, so nothing here outlives its use if a replica dies midway.
/// One key holds one kind of data (a value, a counter, a hash or a time set); using a key as another kind throws
/// <see cref="StateKindMismatchException"/>. Counters and locks are values, so <see cref="GetAsync"/> reads them.
/// Each method is atomic on its own; nothing spans two calls except what a lock guards.
/// </remarks>
public interface IStateStore
{
    /// <summary>Reads a value, or null when the key is absent or expired.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes a value that expires after <paramref name="ttl"/>, replacing whatever the key held.</summary>
    Task SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>Writes a value only when the key is absent; returns whether this call wrote it (dedupe keys).</summary>
    Task<bool> SetIfAbsentAsync(string key, ReadOnlyMemory<byte> value, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>Removes a key of any kind; returns whether it existed.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Adds <paramref name="by"/> to a fixed-window counter. The first increment starts the window: the
    /// counter expires <paramref name="window"/> after it, and later increments do not extend it.</summary>
    Task<CounterWindow> IncrementAsync(string key, TimeSpan window, long by = 1, CancellationToken cancellationToken = default);

    /// <summary>Puts one field of a hash and restarts the hash's time to live; returns how many fields it now holds.</summary>
    Task<long> HashPutAsync(string key, string field, ReadOnlyMemory<byte> value, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>Reads every field of a hash; empty when the key is absent or expired.</summary>
    Task<IReadOnlyDictionary<string, byte[]>> HashGetAllAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes one field of a hash; returns whether it existed.</summary>
    Task<bool> HashDeleteAsync(string key, string field, CancellationToken cancellationToken = default);

    /// <summary>Adds (or moves) a member of a time-indexed set and restarts the set's time to live.</summary>
    Task TimeSetAddAsync(string key, string member, DateTimeOffset at, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>The members whose time lies in [<paramref name="from"/>, <paramref name="to"/>], oldest first
    /// (members at the same millisecond in ordinal order); empty when <paramref name="from"/> is after <paramref name="to"/>.</summary>
    Task<IReadOnlyList<TimedMember>> TimeSetRangeAsync(string key, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Removes one member of a time-indexed set; returns whether it existed.</summary>
    Task<bool> TimeSetRemoveAsync(string key, string member, CancellationToken cancellationToken = default);

    /// <summary>Removes the members older than <paramref name="before"/>; returns how many went.</summary>
    Task<long> TimeSetRemoveBeforeAsync(string key, DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Takes a lock for <paramref name="ttl"/> when nobody holds it; <paramref name="token"/> names the owner.</summary>
    Task<bool> TryAcquireLockAsync(string key, string token, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>Releases a lock only when <paramref name="token"/> still owns it; returns whether it did (false when the
    /// lock expired, and perhaps went to someone else, before the owner let go).</summary>
    Task<bool> ReleaseLockAsync(string key, string token, CancellationToken cancellationToken = default);
}
