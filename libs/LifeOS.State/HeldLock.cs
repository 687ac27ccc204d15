namespace LifeOS.State;

/// <summary>A lock taken through <see cref="DistributedLock"/>; disposing it releases it.</summary>
public sealed class HeldLock : IAsyncDisposable
{
    private readonly IStateStore _store;
    private readonly string _storeKey;
    private int _released;

    internal HeldLock(IStateStore store, string key, string storeKey, string token)
    {
        _store = store;
        _storeKey = storeKey;
        Key = key;
        Token = token;
    }

    /// <summary>The key the lock was taken on.</summary>
    public string Key { get; }

    /// <summary>This holder's token: only it can release the lock.</summary>
    public string Token { get; }

    /// <summary>Releases the lock; false when it had already expired (and may belong to someone else now), which tells
    /// the holder that the work it guarded was not exclusive to the end.</summary>
    public async Task<bool> ReleaseAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _released, 1) == 1)
            return false;
        return await _store.ReleaseLockAsync(_storeKey, Token, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ReleaseAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Disposal must not hide the exception of the block it closes; an unreleased lock expires by itself.
        }
    }
}
