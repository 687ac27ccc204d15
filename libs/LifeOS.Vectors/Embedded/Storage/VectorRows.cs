namespace LifeOS.Vectors.Embedded.Storage;

/// <summary>One partition's vectors in one contiguous array, in the layout its quantization chooses, and the kernel that scores them.</summary>
internal abstract class VectorRows(int capacity, int dimension)
{
    public int Capacity { get; } = capacity;

    public int Dimension { get; } = dimension;

    /// <summary>Stores a unit vector in a row, converting it to this layout.</summary>
    public abstract void Write(int row, ReadOnlySpan<float> unit);

    /// <summary>Copies a row to another partition of the same layout (used when a delete fills its hole with the last row).</summary>
    public abstract void CopyRow(int row, VectorRows target, int targetRow);

    /// <summary>Dot products of the query with the given rows; vectors are unit length, so these are cosine similarities.</summary>
    public abstract void Score(PreparedQuery query, ReadOnlySpan<int> rows, Span<float> scores);

    /// <summary>Dot products of the query with rows [0, count): the unfiltered fast path.</summary>
    public abstract void ScoreAll(PreparedQuery query, int count, Span<float> scores);

    public static VectorRows Create(VectorQuantization quantization, int capacity, int dimension) => quantization switch
    {
        VectorQuantization.Float32 => new Float32Rows(capacity, dimension),
        VectorQuantization.Float16 => new Float16Rows(capacity, dimension),
        VectorQuantization.Int8 => new Int8Rows(capacity, dimension),
        _ => throw new ArgumentOutOfRangeException(nameof(quantization), quantization, "unknown quantization"),
    };
}
