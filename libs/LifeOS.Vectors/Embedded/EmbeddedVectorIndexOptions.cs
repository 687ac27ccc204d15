namespace LifeOS.Vectors.Embedded;

/// <summary>Where and how the embedded vector index keeps one collection.</summary>
public sealed class EmbeddedVectorIndexOptions
{
    /// <summary>The LifeOS data directory; the collection lives under <c>vectors/&lt;collection&gt;/</c> in it.</summary>
    public required string DataDirectory { get; init; }

    public string Collection { get; init; } = "knowledge";

    public required int Dimension { get; init; }

    public VectorQuantization Quantization { get; init; } = VectorQuantization.Float32;

    /// <summary>Rows per partition. Partitions are the unit of memory growth and of parallel scanning.</summary>
    public int PartitionSize { get; init; } = 16_384;

    /// <summary>Below this many rows a search scans on the calling thread; fanning out costs more than it saves.</summary>
    public int ParallelScanThreshold { get; init; } = 32_768;

    /// <summary>The log is rewritten when it is at least this large and more than half of it is superseded records.</summary>
    public long CompactionMinBytes { get; init; } = 64L * 1024 * 1024;

    internal string CollectionDirectory => Path.Combine(DataDirectory, "vectors", Collection);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(DataDirectory);
        VectorValidation.ValidateCollection(Collection);
        VectorValidation.ValidateDimension(Dimension);
        if (!Enum.IsDefined(Quantization))
            throw new ArgumentOutOfRangeException(nameof(Quantization), Quantization, "unknown quantization");
        if (PartitionSize is < 64 or > 1 << 20)
            throw new ArgumentOutOfRangeException(nameof(PartitionSize), PartitionSize, "partition size must be between 64 and 1048576 rows");
        if (CompactionMinBytes < 0)
            throw new ArgumentOutOfRangeException(nameof(CompactionMinBytes), CompactionMinBytes, "must not be negative");
    }
}
