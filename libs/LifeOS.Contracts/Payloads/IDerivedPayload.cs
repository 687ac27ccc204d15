namespace LifeOS.Contracts.Payloads;

/// <summary>A payload of a processed topic: it may say that its step was skipped or failed, and why.</summary>
public interface IDerivedPayload
{
    /// <summary>One of <see cref="ProcessingStatus"/>; null means <see cref="ProcessingStatus.Ok"/>.</summary>
    string? Status { get; }

    string? Reason { get; }
}
