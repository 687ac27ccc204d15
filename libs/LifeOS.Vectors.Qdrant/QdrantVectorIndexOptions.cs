namespace LifeOS.Vectors.Qdrant;

/// <summary>Which Qdrant server and collection a <see cref="QdrantVectorIndex"/> uses.</summary>
public sealed class QdrantVectorIndexOptions
{
    /// <summary>The REST endpoint, e.g. http://localhost:6333.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>Sent as the <c>api-key</c> header when set.</summary>
    public string? ApiKey { get; init; }

    public string Collection { get; init; } = "knowledge";

    public required int Dimension { get; init; }

    /// <summary>Points per upsert request; large batches are split so no request body grows without bound.</summary>
    public int UpsertBatchSize { get; init; } = 256;

    public static QdrantVectorIndexOptions FromConnectionString(string connectionString, string collection, int dimension)
    {
        var (endpoint, key) = QdrantConnectionString.Parse(connectionString);
        return new QdrantVectorIndexOptions { Endpoint = endpoint, ApiKey = key, Collection = collection, Dimension = dimension };
    }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Endpoint);
        VectorValidation.ValidateCollection(Collection);
        VectorValidation.ValidateDimension(Dimension);
        if (UpsertBatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(UpsertBatchSize), UpsertBatchSize, "must be positive");
    }
}
