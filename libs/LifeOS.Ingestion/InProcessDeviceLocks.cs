using System.Collections.Concurrent;

namespace LifeOS.Ingestion;

/// <summary>Device locks for a single process (the embedded server): one semaphore per (user, device).</summary>
public sealed class InProcessDeviceLocks : IDeviceLocks
{
    private readonly ConcurrentDictionary<(string User, string Device), SemaphoreSlim> _locks = new();

    public async Task<IAsyncDisposable> AcquireAsync(string user, IEnumerable<string> devices, CancellationToken cancellationToken)
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

    private sealed class Releaser(List<SemaphoreSlim> held) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Release(held);
            return ValueTask.CompletedTask;
        }
    }
}
