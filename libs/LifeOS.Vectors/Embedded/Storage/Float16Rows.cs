using System.Numerics.Tensors;

namespace LifeOS.Vectors.Embedded.Storage;

/// <summary>Rows kept as IEEE half floats: half the memory of float32, widened to float32 in registers while scoring.</summary>
internal sealed class Float16Rows(int capacity, int dimension) : VectorRows(capacity, dimension)
{
    private readonly Half[] _values = new Half[(long)capacity * dimension];

    public override void Write(int row, ReadOnlySpan<float> unit) => TensorPrimitives.ConvertToHalf(unit, RowSpan(row));

    public override void CopyRow(int row, VectorRows target, int targetRow) =>
        RowSpan(row).CopyTo(((Float16Rows)target).RowSpan(targetRow));

    public override void Score(PreparedQuery query, ReadOnlySpan<int> rows, Span<float> scores)
    {
        ReadOnlySpan<float> q = query.Unit;
        for (var i = 0; i < rows.Length; i++)
            scores[i] = Float16Kernels.Dot(q, RowSpan(rows[i]));
    }

    public override void ScoreAll(PreparedQuery query, int count, Span<float> scores)
    {
        ReadOnlySpan<float> q = query.Unit;
        for (var row = 0; row < count; row++)
            scores[row] = Float16Kernels.Dot(q, RowSpan(row));
    }

    private Span<Half> RowSpan(int row) => _values.AsSpan(row * Dimension, Dimension);
}
