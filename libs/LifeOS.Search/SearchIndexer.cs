namespace LifeOS.Search;

/// <summary>What modules call to make a source searchable: its chunks go into the text index, then into the vector index when a model is configured.</summary>
public sealed class SearchIndexer(ITextIndex text, ChunkVectors vectors)
{
    /// <summary>Replaces the chunks of the chunks' sources; returns what each chunk records as its embedding (model, or <c>skipped: why</c>).</summary>
    public async Task<string> IndexAsync(IReadOnlyList<TextChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        // Old vectors of these sources go first: a shorter new version must not leave stale chunk positions behind.
        foreach (var (user, source) in chunks.Select(c => (c.User, c.SourceId)).Distinct())
            await vectors.DeleteSourceAsync(user, source, cancellationToken).ConfigureAwait(false);
        await text.ReplaceSourcesAsync(chunks, cancellationToken).ConfigureAwait(false);
        var embedding = await vectors.EmbedAsync(chunks, cancellationToken).ConfigureAwait(false);
        foreach (var group in chunks.GroupBy(c => c.User, StringComparer.Ordinal))
            await text.SetEmbeddingAsync(group.Key, [.. group.Select(c => c.Id)], embedding, cancellationToken).ConfigureAwait(false);
        return embedding;
    }

    /// <summary>Removes a source's chunks from both indexes; returns how many chunks went.</summary>
    public async Task<long> RemoveSourceAsync(string user, string sourceId, CancellationToken cancellationToken)
    {
        await vectors.DeleteSourceAsync(user, sourceId, cancellationToken).ConfigureAwait(false);
        return await text.DeleteSourceAsync(user, sourceId, cancellationToken).ConfigureAwait(false);
    }
}
