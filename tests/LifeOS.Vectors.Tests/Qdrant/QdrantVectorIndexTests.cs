using LifeOS.Vectors.Qdrant;

namespace LifeOS.Vectors.Tests.Qdrant;

/// <summary>The vector index contract on a real Qdrant server, named by <c>ConnectionStrings__qdrant</c> (REST endpoint).</summary>
/// <remarks>Each test works in its own collection, dropped at the end. Without a server every test is skipped, saying why.</remarks>
public sealed class QdrantVectorIndexTests : VectorIndexContract
{
    private readonly string _collection = $"lifeos-test-{Guid.NewGuid():N}";
    private readonly string _connectionString;
    private readonly HttpClient _http = new();

    public QdrantVectorIndexTests()
    {
        var connectionString = QdrantServer.ConnectionString();
        if (connectionString is null)
        {
            Assert.Skip("No Qdrant server here: set ConnectionStrings__qdrant (or ConnectionStrings__qdrant_http) to " +
                "'Endpoint=http://host:6333;Key=...' to run the vector index contract against Qdrant.");
        }

        _connectionString = connectionString;
    }

    protected override Task<IVectorIndex> CreateAsync(int dimension) =>
        Task.FromResult<IVectorIndex>(new QdrantVectorIndex(_http, QdrantVectorIndexOptions.FromConnectionString(_connectionString, _collection, dimension)));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        var index = new QdrantVectorIndex(_http, QdrantVectorIndexOptions.FromConnectionString(_connectionString, _collection, 1));
        await index.DropCollectionAsync();
        _http.Dispose();
    }
}

/// <summary>Finds the Qdrant server the environment names, as the services would.</summary>
internal static class QdrantServer
{
    public static string? ConnectionString()
    {
        foreach (var name in new[] { "ConnectionStrings__qdrant_http", "ConnectionStrings__qdrant" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
                return value;
        }

        return null;
    }
}
