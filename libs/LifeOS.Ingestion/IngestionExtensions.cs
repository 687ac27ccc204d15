using LifeOS.Eventing;
using LifeOS.Identity.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Ingestion;

/// <summary>Registers and maps the ingestion module; any host with an IEventLog, IDeviceLedger and IBlobStore can serve it.</summary>
public static class IngestionExtensions
{
    public static TBuilder AddIngestion<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var section = builder.Configuration.GetSection(IngestionOptions.Section);
        builder.Services.Configure<IngestionOptions>(section);
        var limits = section.Get<IngestionOptions>() ?? new IngestionOptions();
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = limits.MaxMediaBytes);
        // Topics exist before the first append, whichever service happens to start first.
        builder.Services.AddTopicProvisioning();
        // Shared locks when a state store is registered (replicas of the split service), in-process ones otherwise.
        builder.Services.AddSingleton<IDeviceLocks>(services => services.GetService<LifeOS.State.DistributedLock>() is { } shared
            ? new SharedDeviceLocks(shared)
            : new InProcessDeviceLocks());
        builder.Services.AddSingleton<IngestPipeline>();
        builder.Services.AddSingleton<PipelineBackpressure>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PipelineBackpressure>());
        return builder;
    }

    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<IngestionOptions>>().Value;
        // These routes check sizes themselves while reading and name the field at fault; the route limit sits a margin
        // above, so it only stops what those checks would refuse anyway.
        app.MapIngestApi().WithBodyLimit(limits.MaxBodyBytes + BodyLimitMargin);
        app.MapMediaUploadApi().WithBodyLimit(limits.MaxMediaBytes + BodyLimitMargin);
        app.MapStreamEndpoint();
        return app;
    }

    /// <summary>Room for multipart framing and form fields above the configured payload limits.</summary>
    public const long BodyLimitMargin = 1024 * 1024;
}
