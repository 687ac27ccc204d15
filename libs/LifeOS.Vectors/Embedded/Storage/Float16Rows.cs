using System.Numerics.Tensors;

namespace LifeOS.Vectors.Embedded.Storage;

/// <summary>Rows kept as IEEE half floats: half the memory of float32, scored by widening each row back to float32.</summary>
internal sealed class Float16Rows(int capacity, int dimension) : VectorRows(capacity, dimension)
{
    private readonly Half[] _values = new Half[(long)capacity * dimension];

    public override void Write(int row, ReadOnlySpan<float> unit) => TensorPrimitives.ConvertToHalf(unit, RowSpan(row));

    public override void CopyRow(int row, VectorRows target, int targetRow) =>
        RowSpan(row).CopyTo(((Float16Rows)target).RowSpan(targetRow));

    public override void Score(PreparedQuery query, ReadOnlySpan<int> rows, Span<float> scores)
    {
        // One widened row at a time stays in L1; widening the whole partition first would double the memory traffic.
        Span<float> widened = Dimension <= 2048 ? stackalloc float[Dimension] : new float[Dimension];
        ReadOnlySpan<float> q = query.Unit;
        for (var i = 0; i < rows.Length; i++)
        {
            TensorPrimitives.ConvertToSingle(RowSpan(rows[i]), widened);
            scores[i] = TensorPrimitives.Dot(q, widened);
        }
    }

    public override void ScoreAll(PreparedQuery query, int count, Span<float> scores)
    {
        Span<float> widened = Dimension <= 2048 ? stackalloc float[Dimension] : new float[Dimension];
        ReadOnlySpan<float> q = query.Unit;
        for (var row = 0; row < count; row++)
        {
            TensorPrimitives.ConvertToSingle(RowSpan(row), widened);
            scores[row] = TensorPrimitives.Dot(q, widened);
        }
    }

    private Span<Half> RowSpan(int row) => _values.AsSpan(row * Dimension, Dimension);
}
