using System.Numerics.Tensors;

namespace LifeOS.Vectors.Tests.Contract;

/// <summary>Seeded random unit vectors and the brute-force answers the index is measured against.</summary>
public static class RandomVectors
{
    /// <summary>Random directions: uniform in the cube [-1, 1)^d, scaled to unit length.</summary>
    public static float[][] Create(int seed, int count, int dimension)
    {
        var random = new Random(seed);
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var v = new float[dimension];
            for (var d = 0; d < dimension; d++)
                v[d] = (random.NextSingle() * 2) - 1;
            TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
            vectors[i] = v;
        }

        return vectors;
    }

    /// <summary>Indexes of the k vectors with the highest cosine similarity to the query, by scoring every one.</summary>
    public static int[] BruteForceTopK(float[][] vectors, ReadOnlySpan<float> query, int k)
    {
        var scores = new float[vectors.Length];
        for (var i = 0; i < vectors.Length; i++)
            scores[i] = TensorPrimitives.CosineSimilarity(vectors[i], query);
        var order = Enumerable.Range(0, vectors.Length).ToArray();
        Array.Sort(scores, order);
        return order[^k..].Reverse().ToArray();
    }

    /// <summary>Share of the true top-k found by the index, averaged over queries.</summary>
    public static double RecallAtK(IReadOnlyList<int[]> truth, IReadOnlyList<IReadOnlyList<string>> found, Func<int, string> idOf)
    {
        var total = 0d;
        for (var q = 0; q < truth.Count; q++)
        {
            var expected = truth[q].Select(idOf).ToHashSet();
            total += found[q].Count(expected.Contains) / (double)truth[q].Length;
        }

        return total / truth.Count;
    }
}
