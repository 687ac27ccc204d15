namespace LifeOS.Vectors.Embedded.Storage;

/// <summary>A query vector in every form the row kernels need, computed once per search rather than once per row.</summary>
internal sealed class PreparedQuery
{
    public PreparedQuery(float[] unit, VectorQuantization quantization)
    {
        Unit = unit;
        if (quantization == VectorQuantization.Int8)
        {
            Int16 = new short[unit.Length];
            Int16Scale = Int8Kernels.QuantizeQuery(unit, Int16);
        }
    }

    /// <summary>The query scaled to unit length.</summary>
    public float[] Unit { get; }

    /// <summary>The query as 16-bit integers for the int8 kernel; null for the float layouts.</summary>
    public short[]? Int16 { get; }

    public float Int16Scale { get; }
}
