namespace LifeOS.EndToEnd.Tests;

/// <summary>A data folder for one test's server, removed when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("lifeos-e2e-data-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A killed server's files may linger a moment; the OS temp cleaner gets them.
        }
    }
}
