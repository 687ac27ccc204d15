using System.Collections.Concurrent;

namespace LifeOS.Ingestion;

/// <summary>Serialises ingestion per (user, device), so two copies of one batch racing each other are told apart.</summary>
/// <remarks>
/// Without it both copies pass the duplicate check before either is recorded, and both are counted as accepted.
/// Devices send their own events in order, so this costs a device nothing; different devices never wait on each other.
/// Locks are acquired in ordinal order, so batches naming the same devices cannot deadlock.
/// </remarks>
public sealed class DeviceLocks
{
    private readonly ConcurrentDictionary<(string User, string Device), SemaphoreSlim> _locks = new();

    public async Task<IDisposable> AcquireAsync(string user, IEnumerable<string> devices, CancellationToken cancellationToken)
    {
        var held = new List<SemaphoreSlim>();
        try
        {
            foreach (var device in devices.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var gate = _locks.GetOrAdd((user, device), _ => new SemaphoreSlim(1, 1));
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                held.Add(gate);
            }
        }
        catch
        {
            Release(held);
            throw;
        }

        return new Releaser(held);
    }

    private static void Release(List<SemaphoreSlim> held)
    {
        foreach (var gate in held)
            gate.Release();
    }

    private sealed class Releaser(List<SemaphoreSlim> held) : IDisposable
    {
        public void Dispose() => Release(held);
    }
}
