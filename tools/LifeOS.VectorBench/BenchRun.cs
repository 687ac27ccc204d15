using System.Diagnostics;
using LifeOS.Vectors;
using LifeOS.Vectors.Embedded;

namespace LifeOS.VectorBench;

/// <summary>One benchmark run: build the index, then per layout time searches and the baseline scan of the same bytes.</summary>
public static class BenchRun
{
    private const string User = "bench";
    private const int PartitionRows = 16_384;
    private const int Rounds = 5;
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> ExecuteAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var ownsDirectory = options.DataDirectory is null;
        var directory = options.DataDirectory ?? Directory.CreateTempSubdirectory("lifeos-vectorbench-").FullName;
        try
        {
            await RunAsync(options, directory, cancellationToken);
            return 0;
        }
        finally
        {
            if (ownsDirectory)
                Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RunAsync(BenchOptions options, string directory, CancellationToken cancellationToken)
    {
        Console.WriteLine($"LifeOS.VectorBench: {options.Vectors:N0} x {options.Dimension} vectors, top-{options.K}, {options.Queries} queries, "
            + $"{Environment.ProcessorCount} cores, seed {options.Seed}");

        var watch = Stopwatch.StartNew();
        var data = Dataset.Generate(options.Vectors, options.Dimension, options.Seed);
        var queries = Dataset.Generate(options.Queries, options.Dimension, options.Seed + 1);
        Console.WriteLine($"generated in {watch.Elapsed.TotalSeconds:F1} s");

        var results = new List<LayoutResult>();
        List<string[]>? reference = null;
        foreach (var layout in options.Layouts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var indexOptions = new EmbeddedVectorIndexOptions
            {
                DataDirectory = directory,
                Collection = "bench",
                Dimension = options.Dimension,
                Quantization = layout,
                PartitionSize = PartitionRows,
            };

            watch.Restart();
            using var index = new EmbeddedVectorIndex(indexOptions);
            if (index.Count == 0)
            {
                await LoadAsync(index, data, cancellationToken);
                Console.WriteLine($"{Name(layout)}: loaded {data.Count:N0} points in {watch.Elapsed.TotalSeconds:F1} s "
                    + $"({data.Count / watch.Elapsed.TotalSeconds:N0} points/s, every batch of 10,000 fsynced; log {Size(index.LogBytes)})");
            }
            else
            {
                Console.WriteLine($"{Name(layout)}: reopened from the log in {watch.Elapsed.TotalSeconds:F1} s ({index.Count:N0} points)");
            }

            // Searches and baseline passes alternate in rounds and the best round of each counts: on a shared machine the
            // load changes from second to second, and the best round is the one least disturbed by it.
            var baseline = ScanBaseline.Of(data, layout, PartitionRows);
            await WarmUpAsync(index, queries, options.K, cancellationToken);
            baseline.WarmUp();
            var answers = new List<string[]>(queries.Count);
            var rounds = Math.Min(Rounds, queries.Count);
            double queriesPerSecond = 0, scanParallel = 0;
            for (var round = 0; round < rounds; round++)
            {
                var start = round * queries.Count / rounds;
                var count = ((round + 1) * queries.Count / rounds) - start;
                queriesPerSecond = Math.Max(queriesPerSecond, await TimeSearchesAsync(index, queries, start, count, options.K, answers, cancellationToken));
                scanParallel = Math.Max(scanParallel, baseline.PassesPerSecond(count, parallel: true));
            }

            var scanSingle = Enumerable.Range(0, 3).Max(_ => baseline.PassesPerSecond(Math.Max(1, queries.Count / rounds / 2), parallel: false));
            reference ??= answers;
            var recall = Recall(reference, answers);
            results.Add(new LayoutResult(layout, baseline.Bytes, queriesPerSecond, scanParallel, scanSingle, recall));
            Console.WriteLine($"{Name(layout)}: {queriesPerSecond:F1} queries/s, baseline scan {scanParallel:F1} passes/s, "
                + $"ratio {queriesPerSecond / scanParallel:F2}, recall@{options.K} vs float32 {recall:F4}");

            if (layout == VectorQuantization.Float32)
            {
                DotProductPass.PassesPerSecond(data, queries.Row(0).ToArray(), PartitionRows, 3);
                var dot = Enumerable.Range(0, 3).Max(_ => DotProductPass.PassesPerSecond(data, queries.Row(0).ToArray(), PartitionRows, Math.Max(1, options.Queries / Rounds)));
                Console.WriteLine($"float32: plain dot-product pass (brute force, no filter, no heap) {dot:F1} passes/s; "
                    + $"index / dot pass = {queriesPerSecond / dot:F2}");
            }
        }

        Print(results, options);
    }

    private static async Task LoadAsync(EmbeddedVectorIndex index, Dataset data, CancellationToken cancellationToken)
    {
        const int batchSize = 10_000;
        var batch = new List<VectorPoint>(batchSize);
        for (var i = 0; i < data.Count; i++)
        {
            batch.Add(new VectorPoint(
                $"chunk-{i}",
                data.Row(i),
                new VectorPayload(User, (i & 1) == 0 ? "knowledge" : "journal", Epoch.AddSeconds(i), $"item-{i / 8}", i % 8)));
            if (batch.Count == batchSize || i == data.Count - 1)
            {
                await index.UpsertAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
    }

    /// <summary>Searches for a second or more before timing, so the JIT has promoted the scan loops to optimised code.</summary>
    private static async Task WarmUpAsync(EmbeddedVectorIndex index, Dataset queries, int k, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 3 || watch.Elapsed < TimeSpan.FromSeconds(1.5); i++)
            await index.SearchAsync(new VectorQuery(queries.Row(i % queries.Count), VectorFilter.ForUser(User), k), cancellationToken);
    }

    /// <summary>Times consecutive searches (each one fans out over every core) and keeps their answers for recall.</summary>
    private static async Task<double> TimeSearchesAsync(
        EmbeddedVectorIndex index, Dataset queries, int start, int count, int k, List<string[]> answers, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        for (var i = start; i < start + count; i++)
        {
            var hits = await index.SearchAsync(new VectorQuery(queries.Row(i), VectorFilter.ForUser(User), k), cancellationToken);
            answers.Add(hits.Select(h => h.Id).ToArray());
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    private static double Recall(List<string[]> reference, List<string[]> answers) =>
        reference.Zip(answers, (expected, found) => found.Intersect(expected).Count() / (double)expected.Length).Average();

    private static void Print(List<LayoutResult> results, BenchOptions options)
    {
        Console.WriteLine();
        Console.WriteLine("Baseline: one pass over the same bytes the layout holds, summed as 64-bit integers (TensorPrimitives.Sum),");
        Console.WriteLine($"in the index's {PartitionRows:N0}-row partitions on {Environment.ProcessorCount} cores (Parallel.For), like the search.");
        Console.WriteLine("ratio = index queries/s / baseline passes/s; 1.00 means a search costs exactly one plain read of its vectors.");
        Console.WriteLine($"Searches and baseline passes alternate in {Rounds} rounds; each column is its best round.");
        Console.WriteLine();
        Console.WriteLine($"{"layout",-8} {"bytes",10} {"queries/s",10} {"scan/s",9} {"ratio",6} {"scan/s 1 core",14} {$"recall@{options.K}",10}");
        foreach (var r in results)
        {
            Console.WriteLine($"{Name(r.Layout),-8} {Size(r.Bytes),10} {r.QueriesPerSecond,10:F1} {r.ScanParallel,9:F1} {r.QueriesPerSecond / r.ScanParallel,6:F2} "
                + $"{r.ScanSingle,14:F1} {r.Recall,10:F4}");
        }
    }

    private static string Name(VectorQuantization layout) => layout.ToString().ToLowerInvariant();

    private static string Size(long bytes) => bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):F2} GiB" : $"{bytes / (double)(1L << 20):F0} MiB";

    private sealed record LayoutResult(VectorQuantization Layout, long Bytes, double QueriesPerSecond, double ScanParallel, double ScanSingle, double Recall);
}
