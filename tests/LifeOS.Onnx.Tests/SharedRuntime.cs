namespace LifeOS.Onnx.Tests;

/// <summary>One ONNX Runtime for the test assembly: loading it is the slow part, and the tests check sessions, not loads.</summary>
internal static class SharedRuntime
{
    private static readonly Lazy<OnnxRuntime> Runtime = new(() => OnnxRuntime.Load(RepositoryModels.OnnxRuntimeLibrary));

    public static OnnxRuntime Instance => Runtime.Value;

    /// <summary>Single-threaded sessions: the build machines are small and shared.</summary>
    public static OnnxSessionOptions Options { get; } = new() { IntraOpThreads = 1, InterOpThreads = 1 };
}
