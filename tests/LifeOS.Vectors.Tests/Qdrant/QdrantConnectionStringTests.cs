using LifeOS.Vectors.Embedded;
using LifeOS.Vectors.Qdrant;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Vectors.Tests.Qdrant;

/// <summary>Aspire's Qdrant connection strings, the UUIDs string ids map to, and which index a configuration selects.</summary>
public sealed class QdrantConnectionStringTests
{
    [Fact]
    public void Aspire_style_connection_strings_give_the_endpoint_and_key()
    {
        var (endpoint, key) = QdrantConnectionString.Parse("Endpoint=http://qdrant:6333;Key=s3cret");
        Assert.Equal(new Uri("http://qdrant:6333"), endpoint);
        Assert.Equal("s3cret", key);

        (endpoint, key) = QdrantConnectionString.Parse("https://cloud.example:6333");
        Assert.Equal(new Uri("https://cloud.example:6333"), endpoint);
        Assert.Null(key);

        (_, key) = QdrantConnectionString.Parse("Endpoint=http://localhost:6333;Key=");
        Assert.Null(key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Key=only-a-key")]
    [InlineData("Endpoint=not a url;Key=k")]
    [InlineData("Endpoint=ftp://host:6333")]
    public void Connection_strings_without_a_usable_endpoint_are_refused(string connectionString) =>
        Assert.Contains("Endpoint", Assert.Throws<FormatException>(() => QdrantConnectionString.Parse(connectionString)).Message);

    [Fact]
    public void String_ids_map_to_stable_distinct_rfc_9562_version_8_uuids()
    {
        var uuid = QdrantPointIds.ToUuid("knowledge:42#0");
        Assert.Equal(uuid, QdrantPointIds.ToUuid("knowledge:42#0"));
        Assert.NotEqual(uuid, QdrantPointIds.ToUuid("knowledge:42#1"));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", uuid);
        Assert.Equal(10_000, Enumerable.Range(0, 10_000).Select(i => QdrantPointIds.ToUuid($"id-{i}")).Distinct().Count());
    }

    [Fact]
    public void The_rest_connection_string_wins_and_no_connection_string_selects_the_embedded_index()
    {
        var both = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:qdrant"] = "Endpoint=http://qdrant:6334;Key=k",
            ["ConnectionStrings:qdrant_http"] = "Endpoint=http://qdrant:6333;Key=k",
        }).Build();
        Assert.Equal("Endpoint=http://qdrant:6333;Key=k", QdrantServiceCollectionExtensions.ConnectionString(both, "qdrant"));

        using var directory = new TempDirectory();
        var embedded = new EmbeddedVectorIndexOptions { DataDirectory = directory.Path, Dimension = 8 };
        using (var provider = new ServiceCollection().AddVectorIndex(both, "qdrant", embedded).BuildServiceProvider())
            Assert.IsType<QdrantVectorIndex>(provider.GetRequiredService<IVectorIndex>());

        var none = new ConfigurationBuilder().Build();
        using (var provider = new ServiceCollection().AddVectorIndex(none, "qdrant", embedded).BuildServiceProvider())
            Assert.IsType<EmbeddedVectorIndex>(provider.GetRequiredService<IVectorIndex>());
    }
}
