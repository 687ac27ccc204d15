namespace LifeOS.Vectors.Tests.Embedded;

/// <summary>100,000 random 384-dimension vectors, 50 queries and their brute-force top 10, built once per test run.</summary>
internal static class QuantisedRecallData
{
    public const int Count = 100_000;
    public const int Dimension = 384;

    private static readonly Lazy<(float[][] Vectors, float[][] Queries, int[][] Truth)> Data = new(() =>
    {
        var vectors = RandomVectors.Create(seed: 100, Count, Dimension);
        var queries = RandomVectors.Create(seed: 101, count: 50, Dimension);
        var truth = queries.AsParallel().AsOrdered().Select(q => RandomVectors.BruteForceTopK(vectors, q, 10)).ToArray();
        return (vectors, queries, truth);
    });

    public static float[][] Vectors => Data.Value.Vectors;

    public static float[][] Queries => Data.Value.Queries;

    public static int[][] Truth => Data.Value.Truth;
}
