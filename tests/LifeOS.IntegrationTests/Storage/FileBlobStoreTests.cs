using LifeOS.Storage;

namespace LifeOS.IntegrationTests.Storage;

/// <summary>The blob store contract on content-addressed files.</summary>
public sealed class FileBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FileBlobStore _blobs;

    public FileBlobStoreTests() => _blobs = new FileBlobStore(_directory.Path);

    protected override IBlobStore Blobs => _blobs;

    protected override int CountStoredCopies(string sha256) =>
        Directory.EnumerateFiles(_directory.Path, "*", SearchOption.AllDirectories).Count(f => Path.GetFileName(f) == sha256)
        + Directory.EnumerateFiles(Path.Combine(_directory.Path, "incoming")).Count();

    public void Dispose() => _directory.Dispose();
}
