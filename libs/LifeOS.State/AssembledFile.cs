namespace LifeOS.State;

/// <summary>Every chunk of one file, in index order: what <see cref="ChunkAssembler"/> hands over once a file is complete.</summary>
public sealed record AssembledFile(string User, string FileId, IReadOnlyList<FileChunk> Chunks);
