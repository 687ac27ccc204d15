using System.Diagnostics;
using LifeOS.Contracts;
using LifeOS.Eventing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LifeOS.Pipeline;

/// <summary>Runs one <see cref="PipelineStep"/>: consume its sources in its group, handle each event, append the derived records, commit.</summary>
/// <remarks>
/// The derived records of a batch are appended before the batch is committed, so a crash between the two replays the
/// batch and rewrites the same ids: at least once, as everywhere else. A handler that throws is retried and, when it
/// keeps throwing, its event is dead-lettered by <see cref="EventProcessor"/>; a handler that knows an input cannot be
/// processed returns <see cref="StepResult.Failed"/> instead, which is recorded like any other result.
/// </remarks>
public sealed class PipelineModule(
    PipelineStep step, IStepHandler handler, EventProcessor processor, IEventLog log, ILogger<PipelineModule> logger) : BackgroundService
{
    public static ProcessorOptions Options { get; } = new() { MaxBatch = 100 };

    public PipelineStep Step => step;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Step {Step}: group {Group} reads {Sources} and writes {Output}",
            step.Name, step.Group, string.Join(", ", step.SourceTopics), step.Output?.Name ?? "no topic");
        return processor.RunAsync(step.Group, step.SourceTopics, HandleBatchAsync, Options, stoppingToken);
    }

    private async Task HandleBatchAsync(IReadOnlyList<LogMessage> batch, CancellationToken cancellationToken)
    {
        var derived = new List<OutgoingMessage>(batch.Count);
        foreach (var message in batch)
        {
            var source = CloudEventCodec.Decode(message, out var document);
            using (document)
            {
                // Each event continues its own trace (the batch span only continues the first one's).
                ActivityContext.TryParse(message.Headers.GetValueOrDefault(CloudEventCodec.TraceParentHeader), null, out var parent);
                using var activity = PipelineTelemetry.ActivitySource.StartActivity($"step {step.Name}", ActivityKind.Internal, parent,
                    links: Activity.Current is { } batchSpan ? [new ActivityLink(batchSpan.Context)] : null);
                activity?.SetTag("lifeos.step", step.Name);
                activity?.SetTag("lifeos.event.id", source.Id);

                var result = UpstreamStatus.Propagate(source) ?? await handler.HandleAsync(source, cancellationToken).ConfigureAwait(false);
                activity?.SetTag("lifeos.step.status", result.Status);
                if (result.Reason is not null)
                    activity?.SetTag("lifeos.step.reason", result.Reason);
                PipelineTelemetry.Steps.Add(1, new KeyValuePair<string, object?>("step", step.Name), new KeyValuePair<string, object?>("status", result.Status));

                if (step.Output is { } output)
                    derived.Add(CloudEventCodec.Encode(DerivedEvents.Create(step, source, result), output));
                else if (result.Status != Contracts.Payloads.ProcessingStatus.Ok)
                    logger.LogDebug("Step {Step}: {Event} {Status}: {Reason}", step.Name, source.Id, result.Status, result.Reason);
            }
        }

        if (derived.Count > 0)
            await log.AppendAsync(derived, cancellationToken).ConfigureAwait(false);
    }
}
