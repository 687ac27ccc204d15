using LifeOS.Contracts.Payloads;

namespace LifeOS.State;

/// <summary>A front or rear camera photo offered for pairing: who and which device took it, when (the event's
/// <c>time</c>), its event id, the <c>camera</c> side and image <c>blob</c> of its <see cref="ImageCaptured"/> payload,
/// and the optional <c>pairId</c> a device sets when it knows which frames belong together.</summary>
public sealed record CameraFrame(
    string User, string Device, string Camera, DateTimeOffset Time, string EventId, BlobReference Blob, string? PairId = null)
{
    /// <summary>The <c>camera</c> value of a front frame.</summary>
    public const string Front = "front";

    /// <summary>The <c>camera</c> value of a rear frame.</summary>
    public const string Rear = "rear";
}
