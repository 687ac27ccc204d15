namespace LifeOS.AI;

/// <summary>Thrown when a model is required and none is configured: the step must be recorded as skipped, never
/// answered with made-up output.</summary>
public sealed class ModelNotConfiguredException : InvalidOperationException
{
    public ModelNotConfiguredException(ModelCapability capability, string reason)
        : base($"No {capability.ToString().ToLowerInvariant()} model is configured: {reason}")
    {
        Capability = capability;
        Reason = reason;
    }

    public ModelNotConfiguredException()
    {
    }

    public ModelNotConfiguredException(string message)
        : base(message)
    {
    }

    public ModelNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The capability asked for.</summary>
    public ModelCapability Capability { get; }

    /// <summary>Why none is configured.</summary>
    public string Reason { get; } = "";
}
