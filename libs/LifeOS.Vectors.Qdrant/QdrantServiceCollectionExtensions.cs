using LifeOS.Vectors.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Vectors.Qdrant;

/// <summary>Registers the Qdrant vector index, or picks Qdrant or the embedded index from the connection strings.</summary>
public static class QdrantServiceCollectionExtensions
{
    /// <summary>Registers a <see cref="QdrantVectorIndex"/> as the <see cref="IVectorIndex"/> singleton.</summary>
    public static IServiceCollection AddQdrantVectorIndex(this IServiceCollection services, QdrantVectorIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // One long-lived client; recycling pooled connections lets a moved Qdrant service be found again through DNS.
        services.AddSingleton<IVectorIndex>(_ => new QdrantVectorIndex(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
            options));
        return services.AddVectorIndexEraser();
    }

    /// <summary>
    /// Qdrant when the configuration has a connection string for it, else the embedded index with <paramref name="embedded"/>.
    /// </summary>
    /// <remarks>
    /// Aspire passes Qdrant's gRPC endpoint as <c>ConnectionStrings__{name}</c> and its REST endpoint as
    /// <c>ConnectionStrings__{name}_http</c>; this client speaks REST, so the <c>_http</c> one wins when both are set.
    /// </remarks>
    public static IServiceCollection AddVectorIndex(
        this IServiceCollection services, IConfiguration configuration, string connectionName, EmbeddedVectorIndexOptions embedded)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(embedded);
        var connectionString = ConnectionString(configuration, connectionName);
        return connectionString is null
            ? services.AddEmbeddedVectorIndex(embedded)
            : services.AddQdrantVectorIndex(QdrantVectorIndexOptions.FromConnectionString(connectionString, embedded.Collection, embedded.Dimension));
    }

    /// <summary>The REST connection string for a Qdrant resource, or null when none is configured.</summary>
    public static string? ConnectionString(IConfiguration configuration, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);
        var value = configuration.GetConnectionString(connectionName + "_http");
        if (string.IsNullOrWhiteSpace(value))
            value = configuration.GetConnectionString(connectionName);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
