using LifeOS.AI;
using LifeOS.Contracts;
using LifeOS.Knowledge.Items;
using LifeOS.Journal;
using LifeOS.Knowledge.Web;
using LifeOS.Pipeline;
using LifeOS.Search;
using LifeOS.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Knowledge;

/// <summary>Registers the knowledge module: its store under the data dir, its pipeline steps (notes and images, URLs) and its API.</summary>
public static class KnowledgeExtensions
{
    /// <summary>The knowledge store and indexing services (no step): what the API host and the worker both need.</summary>
    public static TBuilder AddKnowledgeServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var dataDir = DataDirectory.Resolve(builder.Configuration);
        builder.AddEmbeddedSearch(dataDir);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiEvents>();
        if (services.Any(d => d.ServiceType == typeof(KnowledgeStore)))
            return builder;
        services.AddSingleton(_ => new KnowledgeStore(Path.Combine(dataDir, "knowledge.db")));
        services.AddSingleton<IUserDataEraser>(sp => sp.GetRequiredService<KnowledgeStore>());
        services.AddSingleton<ItemIndexing>();
        services.AddSingleton<KnowledgeIndexer>();
        UrlFetcher.Register(services);
        services.AddSingleton<UrlArchiver>();
        return builder;
    }

    /// <summary>The knowledge step (notes and images) and the URL step (pages and PDFs) plus their services.</summary>
    public static TBuilder AddKnowledgeModule<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddKnowledgeServices();
        builder.AddPipelineStep(PipelineSteps.Knowledge, sp => sp.GetRequiredService<KnowledgeIndexer>());
        return builder.AddPipelineStep(PipelineSteps.Url, sp => sp.GetRequiredService<UrlArchiver>());
    }

    /// <summary>Everything <see cref="Rederivation"/> needs (journal and knowledge services); the host registers the event log and blob store.</summary>
    public static TBuilder AddRederivation<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddJournalServices();
        builder.AddKnowledgeServices();
        builder.Services.TryAddSingleton<Rederivation>();
        return builder;
    }

    /// <summary>Maps <c>/v1/knowledge</c>.</summary>
    public static IEndpointRouteBuilder MapKnowledgeModule(this IEndpointRouteBuilder app)
    {
        app.MapKnowledgeApi();
        return app;
    }
}
