namespace LifeOS.Contracts.Payloads;

/// <summary>A keyframe of a screen recording; the image bytes are in the blob store.</summary>
public sealed record ScreenFrameCaptured(
    BlobReference Blob, int Width, int Height, string? App = null, string? Window = null);
