using System.Text.Json.Nodes;
using LifeOS.Contracts;

namespace LifeOS.Pipeline;

/// <summary>What one pipeline step reads and writes: its consumer group, its source topics and its output topic.</summary>
/// <param name="Name">Short step name, used in spans, metrics and logs (<c>vad</c>, <c>stt</c>, <c>caption</c>).</param>
/// <param name="Group">The consumer group; every step has its own, so each sees every event once.</param>
/// <param name="Sources">The topics the step consumes.</param>
/// <param name="Output">The topic its derived records go to, or null for a step whose result lives elsewhere (the vector index).</param>
/// <param name="Identify">
/// The fields that tie a derived record to its input (<c>fileId</c>, <c>sourceSha256</c>, <c>entryId</c>); every derived
/// record carries them, skipped and failed ones included, so the output topic's schema holds for all of them.
/// </param>
public sealed record PipelineStep(
    string Name,
    string Group,
    IReadOnlyList<TopicDefinition> Sources,
    TopicDefinition? Output,
    Func<LifeEvent, JsonObject> Identify)
{
    /// <summary>The source topic names, as the consumer subscribes to them.</summary>
    public IReadOnlyCollection<string> SourceTopics { get; } = [.. Sources.Select(t => t.Name)];
}
