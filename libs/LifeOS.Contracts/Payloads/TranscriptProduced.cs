namespace LifeOS.Contracts.Payloads;

/// <summary>A word-level transcript of one audio chunk; <see cref="Language"/> is a BCP 47 tag.</summary>
public sealed record TranscriptProduced(
    string FileId,
    string? Text = null,
    IReadOnlyList<TranscribedWord>? Words = null,
    string? Language = null,
    string? Model = null,
    string? Status = null,
    string? Reason = null) : IDerivedPayload;

/// <summary>One word with its time in milliseconds from the start of the chunk.</summary>
public sealed record TranscribedWord(string Word, double StartMs, double EndMs, double? Confidence = null);
