using LifeOS.Vectors;
using LifeOS.Vectors.Qdrant;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Hosting.Distributed;

/// <summary>The split services' vector backend: Qdrant when the AppHost gives a connection string for it, else the
/// modules' default (the embedded index).</summary>
public static class QdrantVectors
{
    /// <summary>The Aspire resource name of Qdrant.</summary>
    public const string ConnectionName = "qdrant";

    /// <summary>The named HTTP client Qdrant is called through, so discovery, resilience and tracing apply to it.</summary>
    public const string ClientName = "qdrant";

    /// <summary>Registers Qdrant as the <see cref="VectorIndexFactory"/> when <c>ConnectionStrings__qdrant(_http)</c> is set.</summary>
    public static TBuilder AddQdrantWhenConfigured<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (QdrantServiceCollectionExtensions.ConnectionString(builder.Configuration, ConnectionName) is not { } connectionString)
            return builder;
        builder.Services.AddHttpClient(ClientName);
        builder.Services.Replace(ServiceDescriptor.Singleton<VectorIndexFactory>(sp => (collection, dimension) =>
            new QdrantVectorIndex(sp.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName),
                QdrantVectorIndexOptions.FromConnectionString(connectionString, collection, dimension))));
        return builder;
    }
}
