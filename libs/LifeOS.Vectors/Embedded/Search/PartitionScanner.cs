using System.Buffers;
using LifeOS.Vectors.Embedded.Storage;

namespace LifeOS.Vectors.Embedded.Search;

/// <summary>Exact top-k search: filter each partition's rows, score the survivors, keep the best; partitions in parallel when large.</summary>
internal static class PartitionScanner
{
    public static (float Score, long Slot)[] Search(
        PointTable table, PointFilter filter, PreparedQuery query, int k, int parallelThreshold)
    {
        var partitions = table.Partitions;
        if (table.Count < parallelThreshold || partitions.Count < 2)
        {
            var top = new TopK(k);
            for (var p = 0; p < partitions.Count; p++)
                Scan(partitions[p], p, filter, query, top);
            return top.Sorted();
        }

        var merged = new TopK(k);
        Parallel.For(
            0,
            partitions.Count,
            () => new TopK(k),
            (p, _, local) =>
            {
                Scan(partitions[p], p, filter, query, local);
                return local;
            },
            local =>
            {
                lock (merged)
                    merged.Merge(local);
            });
        return merged.Sorted();
    }

    private static void Scan(Partition partition, int index, PointFilter filter, PreparedQuery query, TopK top)
    {
        if (partition.RowsOf(filter.User) == 0)
            return;

        var scores = ArrayPool<float>.Shared.Rent(partition.Count);
        try
        {
            if (!filter.ChecksRows && partition.OnlyUser(filter.User))
            {
                // One owner and nothing else to check: score the partition as one contiguous block.
                partition.Vectors.ScoreAll(query, partition.Count, scores);
                Keep(scores.AsSpan(0, partition.Count), index, top);
                return;
            }

            var rows = ArrayPool<int>.Shared.Rent(partition.Count);
            try
            {
                var selected = rows.AsSpan(0, filter.Select(partition, rows));
                partition.Vectors.Score(query, selected, scores);
                var threshold = top.Threshold;
                for (var i = 0; i < selected.Length; i++)
                {
                    if (scores[i] > threshold)
                    {
                        top.Offer(scores[i], PointTable.Pack(index, selected[i]));
                        threshold = top.Threshold;
                    }
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(rows);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    private static void Keep(ReadOnlySpan<float> scores, int partition, TopK top)
    {
        var threshold = top.Threshold;
        for (var row = 0; row < scores.Length; row++)
        {
            if (scores[row] > threshold)
            {
                top.Offer(scores[row], PointTable.Pack(partition, row));
                threshold = top.Threshold;
            }
        }
    }
}
