namespace LifeOS.Vectors.Embedded.Storage;

/// <summary>Rows kept as int8 with one float scale per row: a quarter of float32's memory, scored with integer SIMD.</summary>
internal sealed class Int8Rows(int capacity, int dimension) : VectorRows(capacity, dimension)
{
    private readonly sbyte[] _values = new sbyte[(long)capacity * dimension];
    private readonly float[] _scales = new float[capacity];

    public override void Write(int row, ReadOnlySpan<float> unit) => _scales[row] = Int8Kernels.Quantize(unit, RowSpan(row));

    public override void CopyRow(int row, VectorRows target, int targetRow)
    {
        var other = (Int8Rows)target;
        RowSpan(row).CopyTo(other.RowSpan(targetRow));
        other._scales[targetRow] = _scales[row];
    }

    public override void Score(PreparedQuery query, ReadOnlySpan<int> rows, Span<float> scores)
    {
        ReadOnlySpan<short> q = query.Int16;
        var queryScale = query.Int16Scale;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            scores[i] = Int8Kernels.Dot(q, RowSpan(row)) * queryScale * _scales[row];
        }
    }

    public override void ScoreAll(PreparedQuery query, int count, Span<float> scores)
    {
        ReadOnlySpan<short> q = query.Int16;
        var queryScale = query.Int16Scale;
        for (var row = 0; row < count; row++)
            scores[row] = Int8Kernels.Dot(q, RowSpan(row)) * queryScale * _scales[row];
    }

    private Span<sbyte> RowSpan(int row) => _values.AsSpan(row * Dimension, Dimension);
}
