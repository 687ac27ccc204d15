namespace LifeOS.Onnx;

/// <summary>How a session runs: thread counts and graph optimisation.</summary>
public sealed record OnnxSessionOptions
{
    /// <summary>Threads used inside one operator; 0 lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads used across independent operators; 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; init; }

    /// <summary>Apply every graph optimisation ONNX Runtime has (ORT_ENABLE_ALL) rather than none.</summary>
    public bool OptimizeGraph { get; init; } = true;
}
