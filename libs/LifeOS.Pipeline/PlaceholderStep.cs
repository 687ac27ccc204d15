using LifeOS.Contracts;

namespace LifeOS.Pipeline;

/// <summary>
/// A step whose module a later issue builds: it consumes, records "skipped" with <paramref name="reason"/>, and commits,
/// so the topics, consumer group, health and telemetry of its worker are real from day one. Replace it by registering
/// the real <see cref="IStepHandler"/> for the same <see cref="PipelineStep"/>.
/// </summary>
public sealed class PlaceholderStep(string reason) : IStepHandler
{
    public string Reason { get; } = reason;

    public ValueTask<StepResult> HandleAsync(LifeEvent source, CancellationToken cancellationToken) =>
        ValueTask.FromResult(StepResult.Skipped(Reason));
}

/// <summary>Passes a skipped or failed input on: a step never runs on nothing, and never hides that its input was missing.</summary>
public static class UpstreamStatus
{
    /// <summary>A result for <paramref name="source"/> when the record it derives from was itself not ok; otherwise null.</summary>
    public static StepResult? Propagate(LifeEvent source)
    {
        if (source.Data.ValueKind != System.Text.Json.JsonValueKind.Object
            || !source.Data.TryGetProperty("status", out var status)
            || status.GetString() is not { } value
            || value == Contracts.Payloads.ProcessingStatus.Ok)
            return null;

        var reason = source.Data.TryGetProperty("reason", out var why) ? why.GetString() : null;
        return new StepResult(Contracts.Payloads.ProcessingStatus.Skipped, $"its input was {value}: {reason}", null);
    }
}
