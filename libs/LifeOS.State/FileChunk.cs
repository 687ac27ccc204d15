using LifeOS.Contracts.Payloads;

namespace LifeOS.State;

/// <summary>Chunk <see cref="ChunkIndex"/> (from 0) of <see cref="ChunkCount"/> of one file (an audio recording or a
/// screen video, named by the payload's <c>fileId</c>), carrying either a blob reference or, when small, its bytes.</summary>
/// <remarks>File ids are chosen by clients, so a file is identified by (<see cref="User"/>, <see cref="FileId"/>):
/// another user's chunks can never complete or read someone else's file.</remarks>
public sealed record FileChunk(
    string User, string FileId, int ChunkIndex, int ChunkCount, BlobReference? Blob = null, byte[]? Bytes = null)
{
    /// <summary>The longest file id the catalogue accepts (<c>fileId</c> is at most 128 characters).</summary>
    public const int MaxFileIdLength = 128;
}
