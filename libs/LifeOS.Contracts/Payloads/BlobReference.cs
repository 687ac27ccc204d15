namespace LifeOS.Contracts.Payloads;

/// <summary>A claim check: where the bytes of a large payload live in the blob store.</summary>
public sealed record BlobReference(string Sha256, long Size, string ContentType);

/// <summary>An audio chunk of one recording (<see cref="FileId"/>); the samples are in the blob store.</summary>
public sealed record AudioChunkReceived(
    string FileId, int SampleRate, string Format, int Channels, BlobReference Blob, double? DurationMs);
