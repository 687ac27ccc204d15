using LifeOS.AI;
using LifeOS.Contracts;
using LifeOS.Storage;
using LifeOS.Vectors;
using LifeOS.Vectors.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Search;

/// <summary>Registers search: a text index, the chunk vectors (in whatever <see cref="VectorIndexFactory"/> the host
/// registered, else the embedded index under the data dir), hybrid search, ask, and the erasers of both indexes.</summary>
public static class SearchExtensions
{
    /// <summary>The vector collection's name prefix; the dimension is appended (a model of another size gets its own collection).</summary>
    public const string CollectionPrefix = "chunks";

    /// <summary>The embedded text index in <c>search.db</c> under the data dir, plus everything else search needs.</summary>
    public static TBuilder AddEmbeddedSearch<TBuilder>(this TBuilder builder, string dataDir) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.TryAddSingleton(_ => new SqliteTextIndex(Path.Combine(dataDir, "search.db")));
        builder.Services.TryAddSingleton<ITextIndex>(sp => sp.GetRequiredService<SqliteTextIndex>());
        return builder.AddSearchServices(dataDir);
    }

    /// <summary>Everything but the text index, which the host registers as <see cref="ITextIndex"/> (SQLite or PostgreSQL).</summary>
    public static TBuilder AddSearchServices<TBuilder>(this TBuilder builder, string dataDir) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(HybridSearch)))
            return builder;
        services.AddModelClients(builder.Configuration);
        // The embedded index unless the host registered another backend (the split services register Qdrant).
        services.TryAddSingleton<VectorIndexFactory>(_ => (collection, dimension) =>
            new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { DataDirectory = dataDir, Collection = collection, Dimension = dimension }));
        services.AddSingleton(sp =>
        {
            var open = sp.GetRequiredService<VectorIndexFactory>();
            return new ChunkVectors(sp.GetRequiredService<ModelRegistry>(), dimension => open($"{CollectionPrefix}-{dimension}", dimension));
        });
        services.AddSingleton<SearchIndexer>();
        services.AddSingleton<HybridSearch>();
        services.AddSingleton<AskService>();
        services.AddSingleton<IUserDataEraser>(sp => sp.GetRequiredService<ITextIndex>());
        services.AddSingleton<IUserDataEraser>(sp => sp.GetRequiredService<ChunkVectors>());
        return builder;
    }
}
