using System.Globalization;
using System.Text.Json;
using LifeOS.Contracts.Payloads;

namespace LifeOS.State;

/// <summary>Collects the chunks of a file as they arrive, in any order, on any replica, and reports the file once,
/// when its last missing chunk arrives.</summary>
/// <remarks>
/// Each chunk is one field of a hash named by (user, fileId), so a redelivered chunk overwrites itself instead of
/// counting twice. When the hash holds as many chunks as the file has, every replica that sees that races for a
/// set-if-absent marker and only the winner reports the file; the marker outlives the chunks so late duplicates do
/// not report it again (they leave a one-chunk hash behind that expires on its own).
/// </remarks>
public sealed class ChunkAssembler(IStateStore store, ChunkAssemblyOptions? options = null)
{
    private readonly ChunkAssemblyOptions _options = options ?? new();

    /// <summary>Records a chunk; returns the whole file when this chunk completed it, otherwise null.</summary>
    /// <exception cref="InvalidDataException">The file's chunks disagree on how many chunks it has.</exception>
    public async Task<AssembledFile?> AddAsync(FileChunk chunk, CancellationToken cancellationToken = default)
    {
        Validate(chunk, _options.MaxChunkCount);
        var chunksKey = StateKeys.Of("chunks", chunk.User, chunk.FileId);
        var stored = JsonSerializer.SerializeToUtf8Bytes(new StoredChunk(chunk.ChunkCount, chunk.Blob, chunk.Bytes));
        var held = await store.HashPutAsync(
            chunksKey, chunk.ChunkIndex.ToString(CultureInfo.InvariantCulture), stored, _options.IncompleteTtl, cancellationToken).ConfigureAwait(false);
        if (held < chunk.ChunkCount)
            return null;

        var fields = await store.HashGetAllAsync(chunksKey, cancellationToken).ConfigureAwait(false);
        var file = Assemble(chunk, fields);
        // Another replica may have seen the same last chunk, or a duplicate of an earlier one, at the same moment.
        var doneKey = StateKeys.Of("chunks-done", chunk.User, chunk.FileId);
        if (file is null || !await store.SetIfAbsentAsync(doneKey, "1"u8.ToArray(), _options.CompletedTtl, cancellationToken).ConfigureAwait(false))
            return null;
        await store.DeleteAsync(chunksKey, cancellationToken).ConfigureAwait(false);
        return file;
    }

    private static void Validate(FileChunk chunk, int maxChunkCount)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (string.IsNullOrEmpty(chunk.User))
            throw new ArgumentException("a chunk needs the user it belongs to", nameof(chunk));
        if (string.IsNullOrEmpty(chunk.FileId) || chunk.FileId.Length > FileChunk.MaxFileIdLength)
            throw new ArgumentException($"fileId must be 1 to {FileChunk.MaxFileIdLength} characters", nameof(chunk));
        if (chunk.ChunkCount < 1 || chunk.ChunkCount > maxChunkCount)
            throw new ArgumentException($"chunkCount must be 1 to {maxChunkCount}; it was {chunk.ChunkCount}", nameof(chunk));
        if (chunk.ChunkIndex < 0 || chunk.ChunkIndex >= chunk.ChunkCount)
            throw new ArgumentException($"chunkIndex must be 0 to chunkCount - 1 ({chunk.ChunkCount - 1}); it was {chunk.ChunkIndex}", nameof(chunk));
        if ((chunk.Blob is null) == (chunk.Bytes is null))
            throw new ArgumentException("a chunk carries either a blob reference or bytes, not both or neither", nameof(chunk));
    }

    private static AssembledFile? Assemble(FileChunk last, IReadOnlyDictionary<string, byte[]> fields)
    {
        var chunks = new FileChunk?[last.ChunkCount];
        foreach (var (field, bytes) in fields)
        {
            var stored = JsonSerializer.Deserialize<StoredChunk>(bytes)
                ?? throw new InvalidDataException($"file '{last.FileId}': chunk {field} is unreadable");
            if (stored.ChunkCount != last.ChunkCount)
                throw new InvalidDataException(
                    $"file '{last.FileId}': chunks disagree on chunkCount ({stored.ChunkCount} and {last.ChunkCount})");
            var index = int.Parse(field, NumberStyles.None, CultureInfo.InvariantCulture);
            chunks[index] = last with { ChunkIndex = index, Blob = stored.Blob, Bytes = stored.Bytes };
        }

        // The hash can have been emptied and refilled between the put and the read (a completion elsewhere, then a
        // late duplicate), so count again instead of trusting the put's answer.
        return chunks.Any(c => c is null) ? null : new AssembledFile(last.User, last.FileId, chunks!);
    }

    private sealed record StoredChunk(int ChunkCount, BlobReference? Blob, byte[]? Bytes);
}
