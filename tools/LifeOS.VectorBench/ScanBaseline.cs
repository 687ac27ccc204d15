using System.Buffers;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using LifeOS.Vectors.Embedded;

namespace LifeOS.VectorBench;

/// <summary>
/// The baseline: one plain pass over the same bytes a layout holds, with nothing else to do. Each pass sums the bytes as
/// 64-bit integers (TensorPrimitives.Sum, SIMD), partition by partition, on every core like the index search.
/// </summary>
public sealed class ScanBaseline
{
    private readonly byte[][] _partitions;

    private ScanBaseline(byte[][] partitions) => _partitions = partitions;

    public long Bytes => _partitions.Sum(p => (long)p.Length);

    /// <summary>The bytes of a layout, in partitions of <paramref name="partitionRows"/> rows, as the index stores them.</summary>
    public static ScanBaseline Of(Dataset data, VectorQuantization layout, int partitionRows)
    {
        var partitions = new byte[(data.Count + partitionRows - 1) / partitionRows][];
        Parallel.For(0, partitions.Length, p =>
        {
            var rows = Math.Min(partitionRows, data.Count - (p * partitionRows));
            var source = data.Values.AsSpan(p * partitionRows * data.Dimension, rows * data.Dimension);
            partitions[p] = layout switch
            {
                VectorQuantization.Float32 => MemoryMarshal.AsBytes(source).ToArray(),
                VectorQuantization.Float16 => Float16Bytes(source),
                _ => Int8Bytes(source, rows, data.Dimension),
            };
        });
        return new ScanBaseline(partitions);
    }

    /// <summary>Passes for half a second or more, so the summing loop runs optimised code when it is timed.</summary>
    public void WarmUp()
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 3 || watch.Elapsed < TimeSpan.FromSeconds(0.5); i++)
            GC.KeepAlive(Pass(parallel: (i & 1) == 0));
    }

    /// <summary>Full passes over the bytes per second, on all cores or on one.</summary>
    public double PassesPerSecond(int passes, bool parallel)
    {
        var sink = Pass(parallel);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < passes; i++)
            sink ^= Pass(parallel);
        watch.Stop();
        GC.KeepAlive(sink);
        return passes / watch.Elapsed.TotalSeconds;
    }

    private long Pass(bool parallel)
    {
        if (!parallel)
        {
            var sum = 0L;
            foreach (var partition in _partitions)
                sum = unchecked(sum + Sum(partition));
            return sum;
        }

        var total = 0L;
        Parallel.For(0, _partitions.Length, () => 0L, (p, _, local) => unchecked(local + Sum(_partitions[p])), local => Interlocked.Add(ref total, local));
        return total;
    }

    private static long Sum(byte[] bytes)
    {
        var whole = bytes.Length / sizeof(long) * sizeof(long);
        var sum = TensorPrimitives.Sum(MemoryMarshal.Cast<byte, long>(bytes.AsSpan(0, whole)));
        for (var i = whole; i < bytes.Length; i++)
            sum = unchecked(sum + bytes[i]);
        return sum;
    }

    private static byte[] Float16Bytes(ReadOnlySpan<float> source)
    {
        var halves = new Half[source.Length];
        TensorPrimitives.ConvertToHalf(source, halves);
        return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
    }

    /// <summary>int8 rows plus one float scale per row, the same quantization and the same byte count as the index.</summary>
    private static byte[] Int8Bytes(ReadOnlySpan<float> source, int rows, int dimension)
    {
        var bytes = new byte[(rows * dimension) + (rows * sizeof(float))];
        var values = MemoryMarshal.Cast<byte, sbyte>(bytes.AsSpan(0, rows * dimension));
        var scales = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(rows * dimension));
        for (var row = 0; row < rows; row++)
        {
            var vector = source.Slice(row * dimension, dimension);
            var maxAbs = MathF.Abs(TensorPrimitives.MaxMagnitude(vector));
            for (var d = 0; d < dimension; d++)
                values[(row * dimension) + d] = (sbyte)MathF.Round(vector[d] * 127 / maxAbs);
            scales[row] = maxAbs / 127;
        }

        return bytes;
    }
}

/// <summary>A second reference for float32: brute force, one dot product per row into a score array, no filter and no heap.</summary>
public static class DotProductPass
{
    public static double PassesPerSecond(Dataset data, float[] query, int partitionRows, int passes)
    {
        var partitions = (data.Count + partitionRows - 1) / partitionRows;
        void Pass() => Parallel.For(0, partitions, p =>
        {
            var rows = Math.Min(partitionRows, data.Count - (p * partitionRows));
            var scores = ArrayPool<float>.Shared.Rent(rows);
            var start = p * partitionRows * data.Dimension;
            for (var row = 0; row < rows; row++)
                scores[row] = TensorPrimitives.Dot(query, data.Values.AsSpan(start + (row * data.Dimension), data.Dimension));
            ArrayPool<float>.Shared.Return(scores);
        });

        Pass();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < passes; i++)
            Pass();
        return passes / watch.Elapsed.TotalSeconds;
    }
}
