namespace LifeOS.Contracts.Payloads;

/// <summary>A model's guess at the context behind some raw events: where, doing what, eating what, with whom.</summary>
/// <remarks>Speculative by design; <see cref="Confidence"/> (0..1) is the model's own.</remarks>
public sealed record ContextInferred(
    IReadOnlyList<string> SourceEventIds,
    string? Location = null,
    string? Activity = null,
    string? Food = null,
    IReadOnlyList<string>? People = null,
    string? Summary = null,
    double? Confidence = null,
    string? Model = null,
    string? Status = null,
    string? Reason = null) : IDerivedPayload;
