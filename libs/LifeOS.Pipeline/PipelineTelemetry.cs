using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LifeOS.Pipeline;

/// <summary>The pipeline's span source and step counter (picked up by ServiceDefaults' <c>LifeOS.*</c> subscriptions).</summary>
public static class PipelineTelemetry
{
    public const string SourceName = "LifeOS.Pipeline";

    public static readonly ActivitySource ActivitySource = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    /// <summary>Events handled per step and status: a dashboard shows at a glance which steps only ever skip.</summary>
    public static readonly Counter<long> Steps = Meter.CreateCounter<long>("lifeos.pipeline.steps", "{event}",
        "Events handled by a pipeline step, by step and status (ok, skipped, failed).");
}
