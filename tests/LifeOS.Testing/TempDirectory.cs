namespace LifeOS.Testing;

/// <summary>A scratch folder that is removed when the test ends.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("lifeos-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process killed by a crash test may still hold a file for a moment; the OS temp cleaner gets it.
        }
    }
}
