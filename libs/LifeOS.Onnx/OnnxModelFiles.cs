namespace LifeOS.Onnx;

/// <summary>Where the local model files live: the models/ folder (configuration key <c>LifeOS:Models:Path</c>, default
/// ./models) and the files in it that models/manifest.json names.</summary>
public sealed record OnnxModelFiles
{
    /// <summary>Configuration key of the models folder.</summary>
    public const string PathKey = "LifeOS:Models:Path";

    /// <summary>Configuration key of the ONNX Runtime library (default: the platform's library name in the models folder).</summary>
    public const string RuntimeKey = "LifeOS:Models:OnnxRuntime";

    /// <summary>Configuration key of the embedding model's folder name inside the models folder (default all-MiniLM-L6-v2).</summary>
    public const string EmbeddingModelKey = "LifeOS:Models:Embeddings";

    /// <summary>The models folder.</summary>
    public required string Directory { get; init; }

    /// <summary>The ONNX Runtime shared library.</summary>
    public required string RuntimeLibrary { get; init; }

    /// <summary>Folder of the sentence-transformer export (model.onnx + vocab.txt).</summary>
    public required string EmbeddingModelDirectory { get; init; }

    /// <summary>The Silero VAD model.</summary>
    public string SileroVad => Path.Combine(Directory, "silero_vad.onnx");

    /// <summary>The embedding model's ONNX file.</summary>
    public string EmbeddingModel => Path.Combine(EmbeddingModelDirectory, "model.onnx");

    /// <summary>The embedding model's WordPiece vocabulary.</summary>
    public string EmbeddingVocabulary => Path.Combine(EmbeddingModelDirectory, "vocab.txt");

    /// <summary>The runtime library's file name on this platform.</summary>
    public static string RuntimeLibraryName =>
        OperatingSystem.IsWindows() ? "onnxruntime.dll" : OperatingSystem.IsMacOS() ? "libonnxruntime.dylib" : "libonnxruntime.so";

    /// <summary>Files under <paramref name="directory"/>, with optional overrides of the runtime path and the embedding
    /// model folder name.</summary>
    public static OnnxModelFiles In(string directory, string? runtimeLibrary = null, string? embeddingModel = null)
    {
        var root = Path.GetFullPath(directory);
        return new OnnxModelFiles
        {
            Directory = root,
            RuntimeLibrary = Path.GetFullPath(runtimeLibrary ?? Path.Combine(root, RuntimeLibraryName)),
            EmbeddingModelDirectory = Path.Combine(root, embeddingModel ?? "all-MiniLM-L6-v2"),
        };
    }
}
