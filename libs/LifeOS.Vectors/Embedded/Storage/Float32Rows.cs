using System.Numerics.Tensors;

namespace LifeOS.Vectors.Embedded.Storage;

/// <summary>Rows kept as float32: exact scores, 4 bytes a dimension.</summary>
internal sealed class Float32Rows(int capacity, int dimension) : VectorRows(capacity, dimension)
{
    private readonly float[] _values = new float[(long)capacity * dimension];

    public override void Write(int row, ReadOnlySpan<float> unit) => unit.CopyTo(RowSpan(row));

    public override void CopyRow(int row, VectorRows target, int targetRow) =>
        RowSpan(row).CopyTo(((Float32Rows)target).RowSpan(targetRow));

    public override void Score(PreparedQuery query, ReadOnlySpan<int> rows, Span<float> scores)
    {
        ReadOnlySpan<float> q = query.Unit;
        for (var i = 0; i < rows.Length; i++)
            scores[i] = TensorPrimitives.Dot(q, RowSpan(rows[i]));
    }

    public override void ScoreAll(PreparedQuery query, int count, Span<float> scores)
    {
        ReadOnlySpan<float> q = query.Unit;
        for (var row = 0; row < count; row++)
            scores[row] = TensorPrimitives.Dot(q, RowSpan(row));
    }

    private Span<float> RowSpan(int row) => _values.AsSpan(row * Dimension, Dimension);
}
