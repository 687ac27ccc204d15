using LifeOS.State;

namespace LifeOS.Ingestion;

/// <summary>Device locks shared by every ingestion replica, through the state store (Redis when split).</summary>
/// <remarks>
/// A lock lives at most <see cref="LockTtl"/>, so a replica that dies holding one blocks its device only that long. If
/// an append outlives it (a stalled broker), a second replica may accept a copy of the same batch: the log then holds
/// it twice, and the store, which keys events by (user, device, seq), still keeps it once.
/// </remarks>
public sealed class SharedDeviceLocks(DistributedLock locks) : IDeviceLocks
{
    public static readonly TimeSpan LockTtl = TimeSpan.FromSeconds(30);

    public async Task<IAsyncDisposable> AcquireAsync(string user, IEnumerable<string> devices, CancellationToken cancellationToken)
    {
        var held = new List<HeldLock>();
        try
        {
            foreach (var device in devices.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                held.Add(await locks.AcquireAsync($"ingest/{user}/{device}", LockTtl, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await ReleaseAsync(held).ConfigureAwait(false);
            throw;
        }

        return new Releaser(held);
    }

    private static async ValueTask ReleaseAsync(List<HeldLock> held)
    {
        foreach (var one in held)
            await one.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class Releaser(List<HeldLock> held) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ReleaseAsync(held);
    }
}
