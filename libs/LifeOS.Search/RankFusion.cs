namespace LifeOS.Search;

/// <summary>Reciprocal rank fusion (Cormack et al., 2009): each list adds 1 / (k + rank) to an item's score.</summary>
/// <remarks>Ranks, not raw scores, are fused: BM25 and cosine similarity live on scales that cannot be compared.</remarks>
public static class RankFusion
{
    /// <summary>The constant from the paper; it damps the weight of the very top ranks.</summary>
    public const int K = 60;

    /// <summary>Fuses ranked id lists (best first) into one ordering, best first, with each id's fused score.</summary>
    public static IReadOnlyList<(string Id, double Score)> Fuse(params IReadOnlyList<string>[] rankings)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ranking in rankings)
        {
            for (var i = 0; i < ranking.Count; i++)
            {
                scores[ranking[i]] = scores.GetValueOrDefault(ranking[i]) + (1.0 / (K + i + 1));
                firstSeen.TryAdd(ranking[i], firstSeen.Count);
            }
        }

        // Ties (the same ranks in different lists) keep the order the lists first showed them.
        return [.. scores.OrderByDescending(s => s.Value).ThenBy(s => firstSeen[s.Key]).Select(s => (s.Key, s.Value))];
    }
}
