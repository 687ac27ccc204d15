using LifeOS.Contracts.Payloads;

namespace LifeOS.Storage;

/// <summary>Content-addressed storage of large payloads: the same bytes are stored once, named by their SHA-256.</summary>
public interface IBlobStore
{
    /// <summary>Stores the content (durably) and returns its reference; storing the same bytes twice keeps one copy.</summary>
    Task<BlobReference> PutAsync(Stream content, string contentType, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Opens a blob for reading, or returns null when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>Removes a blob; false when it did not exist. Callers first make sure no stored event references it.</summary>
    Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken = default);
}

/// <summary>Thrown when content is larger than the caller allowed.</summary>
public sealed class BlobTooLargeException(long maxBytes) : Exception($"content exceeds {maxBytes} bytes")
{
    public long MaxBytes { get; } = maxBytes;
}
