namespace LifeOS.Vectors.Tests;

/// <summary>A scratch folder removed when the test ends.</summary>
/// <remarks>Kept here rather than taken from LifeOS.Testing, which would pull the event log and SQLite store into a vector-only test run.</remarks>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("lifeos-vectors-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A handle left open on purpose (the reopen-without-dispose test) may hold a file for a moment; the OS temp cleaner gets it.
        }
    }
}
