namespace LifeOS.Contracts.Payloads;

/// <summary>Objects detected (and tracked across frames) in one screen keyframe, plus how much moved.</summary>
/// <remarks><see cref="MotionScore"/> is the mean optical-flow magnitude scaled to 0..1.</remarks>
public sealed record FrameObjectsDetected(
    string SourceSha256,
    IReadOnlyList<TrackedDetection>? Detections = null,
    double? MotionScore = null,
    string? Model = null,
    string? Status = null,
    string? Reason = null) : IDerivedPayload;

/// <summary>One detection; <see cref="TrackId"/> is stable for the same object across frames of a device.</summary>
public sealed record TrackedDetection(string Label, double Confidence, BoundingBox Box, int? TrackId = null);
