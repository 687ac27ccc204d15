namespace LifeOS.Contracts.Payloads;

/// <summary>A camera photo or screenshot; <see cref="Camera"/> is <c>front</c>, <c>rear</c> or <c>screen</c>.</summary>
/// <remarks><see cref="PairId"/> links a front and a rear frame taken together, for 3D reconstruction.</remarks>
public sealed record ImageCaptured(
    BlobReference Blob, string Camera, int? Width = null, int? Height = null, string? PairId = null);
