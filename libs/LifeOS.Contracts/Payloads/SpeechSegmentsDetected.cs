namespace LifeOS.Contracts.Payloads;

/// <summary>The speech that voice-activity detection found in one audio chunk (<see cref="FileId"/>, <see cref="Blob"/>).</summary>
public sealed record SpeechSegmentsDetected(
    string FileId,
    BlobReference Blob,
    IReadOnlyList<SpeechSegment>? Segments = null,
    string? Model = null,
    string? Status = null,
    string? Reason = null) : IDerivedPayload;

/// <summary>One stretch of speech, in milliseconds from the start of the chunk.</summary>
public sealed record SpeechSegment(double StartMs, double EndMs, double Probability);
