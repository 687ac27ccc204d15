namespace LifeOS.Contracts.Payloads;

/// <summary>A 3D reconstruction from a paired front and rear frame; the point cloud is in the blob store.</summary>
public sealed record SceneReconstructed(
    string FrontSha256,
    string RearSha256,
    BlobReference? PointCloud = null,
    long? PointCount = null,
    string? Model = null,
    string? Status = null,
    string? Reason = null) : IDerivedPayload;
