namespace LifeOS.Ingestion;

/// <summary>Serialises ingestion per (user, device), so two copies of one batch racing each other are told apart.</summary>
/// <remarks>
/// Without it both copies pass the duplicate check before either is recorded, and both are counted as accepted.
/// Devices send their own events in order, so this costs a device nothing; different devices never wait on each other.
/// Implementations take locks in ordinal order, so batches naming the same devices cannot deadlock.
/// </remarks>
public interface IDeviceLocks
{
    /// <summary>Holds every named device of the user until the result is disposed.</summary>
    Task<IAsyncDisposable> AcquireAsync(string user, IEnumerable<string> devices, CancellationToken cancellationToken);
}
