using LifeOS.AI;
using LifeOS.Contracts;
using LifeOS.Pipeline;
using LifeOS.Search;
using LifeOS.Storage;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Journal;

/// <summary>Registers the journal module: its store under the data dir, the parsing step (entries into facts and
/// samples) and <c>/v1/journal</c>.</summary>
public static class JournalExtensions
{
    /// <summary>The journal store, parser and API services (no step): what the API host and the worker both need.</summary>
    public static TBuilder AddJournalServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var dataDir = DataDirectory.Resolve(builder.Configuration);
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
            JournalFields.Get(field);
        services.AddSingleton(options);
        // The metrics route serves the journal's sample types through this, without referencing the journal.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDerivedSampleTypes, JournalSampleTypes>());
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
}
