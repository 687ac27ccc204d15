namespace LifeOS.Vectors.Embedded;

/// <summary>How the embedded index holds vectors in memory. The log on disk always keeps the float32 originals.</summary>
public enum VectorQuantization
{
    /// <summary>4 bytes a dimension; exact.</summary>
    Float32,

    /// <summary>2 bytes a dimension (IEEE half); relative error about 0.05%.</summary>
    Float16,

    /// <summary>1 byte a dimension plus one float scale per vector (symmetric, max-abs); a quarter of float32's memory.</summary>
    Int8,
}
