namespace LifeOS.Onnx.Tests;

/// <summary>Finds the repository's models/ folder and the files models/fetch.sh places there.</summary>
/// <remarks>The test command fetches them before any test runs, so a missing file is a failure, not a skip.</remarks>
internal static class RepositoryModels
{
    public static string Directory { get; } = FindModelsDirectory();

    public static string OnnxRuntimeLibrary => Require("libonnxruntime.so");

    public static string SileroVad => Require("silero_vad.onnx");

    private static string Require(string file)
    {
        var path = Path.Combine(Directory, file);
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} is missing: run models/fetch.sh (the test command does) to fetch and verify it.");
        }
        return path;
    }

    private static string FindModelsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "models");
            if (File.Exists(Path.Combine(candidate, "manifest.json")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"No models/manifest.json above {AppContext.BaseDirectory}: the tests must run inside the repository.");
    }
}
