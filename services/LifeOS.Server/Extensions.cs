using LifeOS.Eventing;
using LifeOS.Eventing.Embedded;
using LifeOS.Hosting;
using LifeOS.Identity;
using LifeOS.Ingestion;
using LifeOS.Journal;
using LifeOS.Knowledge;
using LifeOS.Query;
using LifeOS.Search;
using LifeOS.Storage;
using LifeOS.Storage.Sqlite;

namespace LifeOS.Server;

/// <summary>How the embedded server composes the modules: SQLite and files under one data folder.</summary>
public static class Extensions
{
    public static TBuilder AddEmbeddedBackends<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var dataDir = PrivateDataDirectory.Create(DataDirectory.Resolve(builder.Configuration));
        var services = builder.Services;
        // Separate files so the ingest path (log, ledger) and the persistence worker (store) never wait on one write lock.
        services.AddSingleton<IEventLog>(_ => new SqliteEventLog(Path.Combine(dataDir, "log.db")));
        services.AddSingleton<IDeviceLedger>(_ => new SqliteDeviceLedger(Path.Combine(dataDir, "ledger.db")));
        services.AddSingleton<ILifeStore>(_ => new SqliteLifeStore(Path.Combine(dataDir, "store.db")));
        services.AddSingleton<IAccountStore>(_ => new SqliteAccountStore(Path.Combine(dataDir, "accounts.db")));
        services.AddSingleton<IBlobStore>(_ => new FileBlobStore(Path.Combine(dataDir, "blobs")));
        return builder;
    }

    /// <summary>The journal and knowledge steps and search, all on files under the data dir (vectors in the embedded index).</summary>
    public static TBuilder AddJournalAndKnowledge<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddJournalModule();
        builder.AddKnowledgeModule();
        return builder;
    }

    public static WebApplication MapServerApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapIngestionApi();
        app.MapQueryApi();
        app.MapDevicesApi();
        app.MapJournalModule();
        app.MapKnowledgeModule();
        app.MapSearchApi();
        return app;
    }
}
