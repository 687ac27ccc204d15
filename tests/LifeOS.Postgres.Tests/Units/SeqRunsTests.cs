namespace LifeOS.Postgres.Tests.Units;

/// <summary>Merging accepted seqs into runs (no I/O), checked against a plain set of seqs.</summary>
public sealed class SeqRunsTests
{
    [Fact]
    public void New_seqs_join_touching_runs_and_only_unseen_seqs_count()
    {
        SeqRun[] existing = [new(1, 3), new(5, 5), new(9, 10)];

        var (merged, added) = SeqRuns.Merge(existing, [4, 5, 7, 11]);

        Assert.Equal([new SeqRun(1, 5), new SeqRun(7, 7), new SeqRun(9, 11)], merged);
        Assert.Equal(3, added);
    }

    [Fact]
    public void The_extremes_of_long_do_not_overflow()
    {
        var (merged, added) = SeqRuns.Merge([new SeqRun(long.MaxValue - 1, long.MaxValue)], [long.MaxValue - 2, long.MaxValue]);

        Assert.Equal([new SeqRun(long.MaxValue - 2, long.MaxValue)], merged);
        Assert.Equal(1, added);
        Assert.Equal((long.MinValue, long.MaxValue), SeqRuns.TouchRange([long.MinValue, long.MaxValue]));
    }

    [Fact]
    public void Random_merges_match_a_set_of_seqs()
    {
        var random = new Random(12345);
        var recorded = new SortedSet<long>();
        var runs = new List<SeqRun>();
        for (var round = 0; round < 500; round++)
        {
            var seqs = Enumerable.Range(0, random.Next(1, 12)).Select(_ => (long)random.Next(0, 300)).Distinct().Order().ToList();
            var (low, high) = SeqRuns.TouchRange(seqs);
            var touching = runs.Where(r => r.Last >= low && r.First <= high).ToList();

            var (merged, added) = SeqRuns.Merge(touching, seqs);

            Assert.Equal(seqs.Count(s => !recorded.Contains(s)), added);
            recorded.UnionWith(seqs);
            runs = [.. runs.Except(touching).Concat(merged).OrderBy(r => r.First)];
            Assert.Equal(recorded, runs.SelectMany(r => Enumerable.Range((int)r.First, (int)(r.Last - r.First + 1)).Select(s => (long)s)));
            // Runs stay disjoint and never touch: each gap is a real gap.
            Assert.All(runs.Zip(runs.Skip(1)), pair => Assert.True(pair.Second.First > pair.First.Last + 1));
        }
    }
}
