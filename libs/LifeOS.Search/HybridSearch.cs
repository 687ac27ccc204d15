using LifeOS.Contracts;

namespace LifeOS.Search;

/// <summary>Full-text hits fused with vector hits by reciprocal rank; every result says which searches found it and why.</summary>
public sealed class HybridSearch(ITextIndex text, ChunkVectors vectors)
{
    /// <summary>Searches; the vector side runs only when an embedding model is configured, and <see cref="SearchResult.Semantic"/> says why it did not.</summary>
    public async Task<SearchResult> SearchAsync(TextQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Each side looks deeper than the page, so an item ranked low by one and high by the other can still surface.
        var depth = query with { Limit = Math.Min(query.Limit * 3, 300) };
        var lexical = await text.SearchAsync(depth, cancellationToken).ConfigureAwait(false);
        var semantic = await vectors.SearchAsync(depth, cancellationToken).ConfigureAwait(false);
        var semanticState = semantic is null ? "skipped: " + vectors.Model.Description : "ok: " + vectors.ModelName;

        var byLexical = lexical.ToDictionary(h => h.Chunk.Id, StringComparer.Ordinal);
        var bySemantic = (semantic ?? []).Select((h, i) => (Hit: h, Rank: i + 1)).ToDictionary(h => h.Hit.Id, StringComparer.Ordinal);
        var fused = RankFusion.Fuse([.. lexical.Select(h => h.Chunk.Id)], [.. (semantic ?? []).Select(h => h.Id)]);

        // Vector-only hits need their chunk's text and provenance from the text index.
        var missing = fused.Select(f => f.Id).Where(id => !byLexical.ContainsKey(id)).Take(query.Limit).ToList();
        var chunks = (await text.GetChunksAsync(query.User, missing, cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.Id, StringComparer.Ordinal);

        var hits = new List<SearchHit>(query.Limit);
        foreach (var (id, score) in fused)
        {
            if (hits.Count == query.Limit)
                break;
            var lexicalHit = byLexical.GetValueOrDefault(id);
            var chunk = lexicalHit?.Chunk ?? chunks.GetValueOrDefault(id);
            if (chunk is null)
                continue; // a vector whose chunk is gone (deleted between the two reads)
            var vectorHit = bySemantic.TryGetValue(id, out var v) ? v : default;
            var matchedBy = new List<string>(2);
            var why = new List<string>(2);
            if (lexicalHit is not null)
            {
                matchedBy.Add("lexical");
                why.Add($"words {string.Join(", ", lexicalHit.MatchedTerms.Select(t => $"'{t}'"))} (full-text rank {lexicalHit.Rank})");
            }

            if (vectorHit.Hit is not null)
            {
                matchedBy.Add("semantic");
                why.Add($"meaning close to the query (cosine {vectorHit.Hit.Score:0.000}, vector rank {vectorHit.Rank}, model {vectorHit.Hit.Payload.Model})");
            }

            hits.Add(new SearchHit(chunk, score, matchedBy, string.Join("; ", why),
                lexicalHit?.Snippet ?? (chunk.Text.Length <= 240 ? chunk.Text : chunk.Text[..240] + "…"), lexicalHit?.MatchedTerms ?? [],
                vectorHit.Hit?.Score));
        }

        return new SearchResult(hits, semanticState);
    }
}

/// <summary>Search hits plus whether the semantic side ran (<c>ok: model</c>) or not (<c>skipped: why</c>).</summary>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, string Semantic);

/// <summary>One fused hit.</summary>
/// <param name="MatchedBy"><c>lexical</c>, <c>semantic</c> or both.</param>
/// <param name="Why">In words: which terms matched and at what rank, how close the meaning was.</param>
public sealed record SearchHit(
    TextChunk Chunk, double Score, IReadOnlyList<string> MatchedBy, string Why, string Snippet, IReadOnlyList<string> MatchedTerms, float? Similarity)
{
    public string TimeText => Timestamps.Format(Chunk.Time);
}
