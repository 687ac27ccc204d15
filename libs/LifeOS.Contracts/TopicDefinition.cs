using LifeOS.Contracts.Validation;

namespace LifeOS.Contracts;

/// <summary>Everything the system knows about one topic: name, payload, key, unit, rules and provisioning.</summary>
public sealed record TopicDefinition
{
    /// <summary>The topic name, <c>&lt;category&gt;.&lt;source&gt;.&lt;datatype&gt;.&lt;stage&gt;</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The event type clients send for this topic (raw topics only): the name without <c>.raw</c>.</summary>
    public string? EventType { get; init; }

    public required TopicStage Stage { get; init; }

    /// <summary>The payload record (past tense, e.g. <c>HeartRateSampled</c>).</summary>
    public required Type PayloadType { get; init; }

    public required TopicKey Key { get; init; }

    /// <summary>The unit of <c>data.value</c> for numeric samples (UCUM-style: <c>bpm</c>, <c>hPa</c>, <c>Cel</c>).</summary>
    public string? Unit { get; init; }

    public required PayloadSchema Schema { get; init; }

    public StoreProjection Projection { get; init; } = StoreProjection.Event;

    /// <summary>A one-line description for documentation and OpenAPI.</summary>
    public required string Description { get; init; }

    public int Partitions { get; init; } = 3;

    /// <summary>How long the log keeps messages; raw topics keep theirs long enough to re-derive.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Kafka's <c>cleanup.policy</c>: <c>delete</c> or <c>compact</c>.</summary>
    public string CleanupPolicy { get; init; } = "delete";

    /// <summary>The dead-letter topic of this topic.</summary>
    public string DeadLetterTopic => TopicNames.DeadLetterOf(Name);

    /// <summary>True when clients may send this type to <c>/v1/ingest</c>.</summary>
    public bool IsIngestible => EventType is not null;
}
