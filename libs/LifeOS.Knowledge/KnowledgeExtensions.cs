using LifeOS.AI;
using LifeOS.Contracts;
using LifeOS.Knowledge.Items;
using LifeOS.Knowledge.Journal;
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

/// <summary>Registers the journal and knowledge modules: their stores under the data dir, their pipeline steps and their APIs.</summary>
public static class KnowledgeExtensions
{
    /// <summary>The data dir setting every embedded store reads (default <c>data</c>).</summary>
    public const string DataDirKey = "LifeOS:DataDir";

    public static string DataDir(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Path.GetFullPath(configuration[DataDirKey] ?? "data");
    }

    /// <summary>The journal store, parser and API services (no step): what the API host and the worker both need.</summary>
    public static TBuilder AddJournalServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var dataDir = DataDir(builder.Configuration);
        builder.AddEmbeddedSearch(dataDir);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiEvents>();
        if (services.Any(d => d.ServiceType == typeof(JournalStore)))
            return builder;
        var section = builder.Configuration.GetSection(JournalOptions.Section);
        var tracked = section["TrackedFields"];
        var zone = section["TimeZone"];
        var options = new JournalOptions
        {
            TrackedFields = tracked is null ? new JournalOptions().TrackedFields : tracked.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            TimeZone = zone is null ? null : TimeZoneInfo.FindSystemTimeZoneById(zone),
        };
        // A tracked field that is not in the catalogue is a configuration error, found at start-up.
        foreach (var field in options.TrackedFields)
            LifeOS.Journal.JournalFields.Get(field);
        services.AddSingleton(options);
        // The metrics route serves the journal's sample types through this, without referencing the journal.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDerivedSampleTypes, LifeOS.Journal.JournalSampleTypes>());
        services.AddSingleton(_ => new JournalStore(Path.Combine(dataDir, "journal.db")));
        services.AddSingleton<IUserDataEraser>(sp => sp.GetRequiredService<JournalStore>());
        services.AddSingleton(sp =>
        {
            var chat = sp.GetRequiredService<ModelRegistry>().Chat;
            return new JournalParser(sp.GetRequiredService<JournalStore>(), sp.GetRequiredService<SearchIndexer>(), options,
                chat.TryGet(out var client) ? new ChatJournalExtractor(client, chat.Description) : null, sp.GetService<ILifeStore>());
        });
        return builder;
    }

    /// <summary>The journal step (entries into facts) plus its services.</summary>
    public static TBuilder AddJournalModule<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddJournalServices();
        return builder.AddPipelineStep(PipelineSteps.Journal, sp => sp.GetRequiredService<JournalParser>());
    }

    /// <summary>Maps <c>/v1/journal</c>.</summary>
    public static IEndpointRouteBuilder MapJournalModule(this IEndpointRouteBuilder app)
    {
        app.MapJournalApi();
        return app;
    }

    /// <summary>The knowledge store and indexing services (no step): what the API host and the worker both need.</summary>
    public static TBuilder AddKnowledgeServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var dataDir = DataDir(builder.Configuration);
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
