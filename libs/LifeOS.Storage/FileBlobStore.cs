using System.Security.Cryptography;
using LifeOS.Contracts.Payloads;

namespace LifeOS.Storage;

/// <summary>Blobs as files named by their SHA-256 under a root folder (<c>ab/cd/abcd…</c>), written atomically.</summary>
public sealed class FileBlobStore : IBlobStore
{
    private readonly string _root;
    private readonly string _incoming;

    public FileBlobStore(string root)
    {
        _root = Path.GetFullPath(root);
        _incoming = Path.Combine(_root, "incoming");
        Directory.CreateDirectory(_incoming);
    }

    public async Task<BlobReference> PutAsync(Stream content, string contentType, long maxBytes, CancellationToken cancellationToken = default)
    {
        var temporary = Path.Combine(_incoming, Guid.NewGuid().ToString("N"));
        try
        {
            long size = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                        throw new BlobTooLargeException(maxBytes);
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                // On disk before anyone is told the blob exists.
                file.Flush(flushToDisk: true);
            }

            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            var final = PathOf(sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            if (File.Exists(final))
                File.Delete(temporary);
            else
                File.Move(temporary, final, overwrite: true);
            return new BlobReference(sha256, size, contentType);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!IsSha256(sha256))
            return Task.FromResult<Stream?>(null);

        var path = PathOf(sha256);
        Stream? stream = File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
        return Task.FromResult(stream);
    }

    public Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!IsSha256(sha256))
            return Task.FromResult(false);

        var path = PathOf(sha256);
        if (!File.Exists(path))
            return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    public static bool IsSha256(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigitLower);

    private string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256[2..4], sha256);
}
