namespace LifeOS.Contracts.Payloads;

/// <summary>What a vision model saw in one image (by its blob hash): a caption, objects and where eyes look.</summary>
public sealed record ImageDescribed(
    string SourceSha256,
    string? Caption = null,
    IReadOnlyList<DetectedObject>? Objects = null,
    GazePoint? Gaze = null,
    string? Model = null,
    string? Status = null,
    string? Reason = null) : IDerivedPayload;

/// <summary>An object in an image; the box is absent when the model only names it.</summary>
public sealed record DetectedObject(string Label, double? Confidence = null, BoundingBox? Box = null);

/// <summary>Where a person in the image is looking, as fractions of the image's width and height.</summary>
public sealed record GazePoint(double X, double Y, double? Confidence = null);
