using LifeOS.Eventing;
using LifeOS.Eventing.Embedded;
using LifeOS.Identity;
using LifeOS.Query;
using LifeOS.Storage;
using LifeOS.Storage.Sqlite;

namespace LifeOS.Server;

/// <summary>How the embedded server composes the modules: SQLite and files under one data folder.</summary>
public static class Extensions
{
    public const string DataDirKey = "LifeOS:DataDir";

    public static TBuilder AddEmbeddedBackends<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var dataDir = Path.GetFullPath(builder.Configuration[DataDirKey] ?? "data");
        Directory.CreateDirectory(dataDir);
        var services = builder.Services;
        // Separate files so the ingest path (log, ledger) and the persistence worker (store) never wait on one write lock.
        services.AddSingleton<IEventLog>(_ => new SqliteEventLog(Path.Combine(dataDir, "log.db")));
        services.AddSingleton<IDeviceLedger>(_ => new SqliteDeviceLedger(Path.Combine(dataDir, "ledger.db")));
        services.AddSingleton<ILifeStore>(_ => new SqliteLifeStore(Path.Combine(dataDir, "store.db")));
        services.AddSingleton<IAccountStore>(_ => new SqliteAccountStore(Path.Combine(dataDir, "accounts.db")));
        services.AddSingleton<IBlobStore>(_ => new FileBlobStore(Path.Combine(dataDir, "blobs")));
        return builder;
    }

    public static TBuilder AddServerApi<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Answers the framework writes itself (routing's 415, a binding 400) still name what was wrong.
            var problem = context.ProblemDetails;
            if (problem.Extensions.ContainsKey("field"))
                return;
            if (problem.Status == StatusCodes.Status415UnsupportedMediaType)
            {
                problem.Extensions["field"] = "Content-Type";
                problem.Detail ??= "Content-Type: not a content type this endpoint accepts; see /openapi/v1.json";
            }
            else if (problem.Status == StatusCodes.Status400BadRequest)
            {
                problem.Extensions["field"] = "request";
            }
        });
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            // Media uploads are the largest bodies; each endpoint applies its own, smaller limit.
            kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("LifeOS:Ingestion:MaxMediaBytes") ?? 256L * 1024 * 1024);
        return builder;
    }

    public static WebApplication UseServerPipeline(this WebApplication app)
    {
        // Unhandled errors become a bare problem+json 500: no stack trace or message leaves the process.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapServerApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapIngestionApi();
        app.MapQueryApi();
        app.MapDevicesApi();
        return app;
    }
}
