namespace LifeOS.Storage.Postgres;

/// <summary>A run of consecutive accepted seqs, both ends included.</summary>
internal readonly record struct SeqRun(long First, long Last);

/// <summary>Merging newly accepted seqs into a device's runs: pure arithmetic, done in .NET between reading and rewriting the runs.</summary>
internal static class SeqRuns
{
    /// <summary>
    /// Merges sorted, distinct seqs into the existing runs that overlap or touch [first seq - 1, last seq + 1] (sorted, disjoint).
    /// Returns the runs that replace them and how many of the seqs were not recorded before.
    /// </summary>
    public static (List<SeqRun> Merged, long Added) Merge(IReadOnlyList<SeqRun> existing, IReadOnlyList<long> seqs)
    {
        long added = 0;
        var run = 0;
        foreach (var seq in seqs)
        {
            while (run < existing.Count && existing[run].Last < seq)
                run++;
            if (run == existing.Count || existing[run].First > seq)
                added++;
        }

        var pieces = new List<SeqRun>(existing.Count + seqs.Count);
        pieces.AddRange(existing);
        pieces.AddRange(seqs.Select(s => new SeqRun(s, s)));
        pieces.Sort((a, b) => a.First.CompareTo(b.First));

        var merged = new List<SeqRun>();
        foreach (var piece in pieces)
        {
            // Overlapping or adjacent (last + 1 == first) pieces become one run; long.MaxValue has no successor.
            if (merged.Count > 0 && (merged[^1].Last == long.MaxValue || piece.First <= merged[^1].Last + 1))
                merged[^1] = merged[^1] with { Last = Math.Max(merged[^1].Last, piece.Last) };
            else
                merged.Add(piece);
        }

        return (merged, added);
    }

    /// <summary>The bounds a touching run may have: one below the first seq to one above the last, without overflowing.</summary>
    public static (long Low, long High) TouchRange(IReadOnlyList<long> sortedSeqs) =>
        (sortedSeqs[0] == long.MinValue ? long.MinValue : sortedSeqs[0] - 1,
         sortedSeqs[^1] == long.MaxValue ? long.MaxValue : sortedSeqs[^1] + 1);
}
