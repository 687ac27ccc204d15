using System.Numerics.Tensors;

namespace LifeOS.VectorBench;

/// <summary>Seeded random unit vectors in one flat array, row after row; the same seed gives the same bytes on any machine.</summary>
public sealed class Dataset
{
    private const int BlockRows = 4_096;

    private Dataset(float[] values, int count, int dimension)
    {
        Values = values;
        Count = count;
        Dimension = dimension;
    }

    public float[] Values { get; }

    public int Count { get; }

    public int Dimension { get; }

    public ReadOnlyMemory<float> Row(int index) => Values.AsMemory(index * Dimension, Dimension);

    /// <summary>Uniform directions: each coordinate uniform in [-1, 1), the row scaled to unit length.</summary>
    public static Dataset Generate(int count, int dimension, int seed)
    {
        if ((long)count * dimension > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(count), $"{count} x {dimension} values do not fit one array; use fewer vectors or dimensions");

        var values = new float[count * dimension];
        var blocks = (count + BlockRows - 1) / BlockRows;
        // One generator per block, seeded from (seed, block): the data does not depend on how threads split the work.
        Parallel.For(0, blocks, block =>
        {
            var random = new Random(HashCode.Combine(seed, block));
            var end = Math.Min(count, (block + 1) * BlockRows);
            for (var row = block * BlockRows; row < end; row++)
            {
                var span = values.AsSpan(row * dimension, dimension);
                for (var d = 0; d < span.Length; d++)
                    span[d] = (random.NextSingle() * 2) - 1;
                TensorPrimitives.Divide(span, TensorPrimitives.Norm(span), span);
            }
        });
        return new Dataset(values, count, dimension);
    }
}
