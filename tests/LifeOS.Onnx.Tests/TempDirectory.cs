namespace LifeOS.Onnx.Tests;

/// <summary>A scratch folder removed when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("lifeos-onnx-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
