using LifeOS.Vectors.Embedded;

namespace LifeOS.Vectors.Tests.Embedded;

/// <summary>The contract on the embedded index holding float32 rows: exact search.</summary>
public sealed class EmbeddedFloat32VectorIndexTests : EmbeddedVectorIndexContract
{
    protected override VectorQuantization Quantization => VectorQuantization.Float32;
}
