using LifeOS.ServiceDefaults;
using LifeOS.ServiceDefaults.Health;
using LifeOS.ServiceDefaults.Resilience;
using LifeOS.ServiceDefaults.ServiceDiscovery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

// Same namespace as the Aspire template's ServiceDefaults, so every Program.cs can call
// builder.AddServiceDefaults() and app.MapDefaultEndpoints() without a using.
namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Wires what every LifeOS host shares: OpenTelemetry over OTLP, health checks (self and each configured dependency)
/// and their endpoints, service discovery and resilience for outgoing HTTP, problem details.
/// </summary>
public static class Extensions
{
    // Configuration keys rather than raw environment reads, so the AppHost's env vars, appsettings
    // and test configuration all switch export on the same way.
    private const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string ServiceNameKey = "OTEL_SERVICE_NAME";

    internal const string HealthEndpointPath = "/health";
    internal const string AlivenessEndpointPath = "/alive";
    private const string LiveTag = "live";

    /// <summary>Adds telemetry, the default health checks, service discovery, HTTP resilience and problem details.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddServiceDiscovery();
        builder.AddHttpResilience();
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>
    /// Lets every HttpClient from IHttpClientFactory address a service by its resource name (<c>http://api/...</c>),
    /// resolved from <c>services__{name}__{endpoint}__{index}</c> configuration as the AppHost sets it.
    /// </summary>
    public static TBuilder AddServiceDiscovery<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.TryAddSingleton<ServiceEndpointResolver>();
        builder.Services.TryAddTransient<ServiceDiscoveryHandler>();
        // Registered before the resilience handler, so it is the outer one: every retry goes to the resolved address.
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<ServiceDiscoveryHandler>());
        return builder;
    }

    /// <summary>
    /// Retries (idempotent methods, honouring Retry-After), attempt and total timeouts and a circuit breaker per
    /// destination on every HttpClient from IHttpClientFactory; tuned under <c>LifeOS:Http:Resilience</c>.
    /// </summary>
    public static TBuilder AddHttpResilience<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<HttpResilienceOptions>().Bind(builder.Configuration.GetSection(HttpResilienceOptions.Section));
        builder.Services.TryAddSingleton<HttpResiliencePipelines>();
        builder.Services.TryAddTransient<ResilienceHandler>();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<ResilienceHandler>());
        return builder;
    }

    /// <summary>
    /// Exports traces, metrics and logs over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured;
    /// otherwise registers nothing, so a laptop run pays nothing for telemetry.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            return builder;
        }

        var serviceName = builder.Configuration[ServiceNameKey] is { Length: > 0 } configured
            ? configured
            : builder.Environment.ApplicationName;

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.SetResourceBuilder(CreateResource(serviceName));
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.AddOtlpExporter();
        });

        // OpenTelemetry.Extensions.Hosting is not available, so the providers are built here and owned by
        // the host's container: it disposes them at shutdown, and disposing flushes what is still buffered.
        builder.Services.AddSingleton<TracerProvider>(services => Sdk.CreateTracerProviderBuilder()
            .UseHostConfiguration(services)
            .SetResourceBuilder(CreateResource(serviceName))
            // "Microsoft.AspNetCore" is the source ASP.NET Core starts its incoming-request activity from,
            // "System.Net.Http" the one HttpClient uses; with no instrumentation packages these are the spans we get.
            // "Npgsql" is the driver's own source: every command becomes a database span under the span that issued it.
            .AddSource("Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "LifeOS.*")
            .AddOtlpExporter()
            .Build());

        builder.Services.AddSingleton<MeterProvider>(services => Sdk.CreateMeterProviderBuilder()
            .UseHostConfiguration(services)
            .SetResourceBuilder(CreateResource(serviceName))
            .AddMeter(
                "Microsoft.AspNetCore.Hosting",
                "Microsoft.AspNetCore.Server.Kestrel",
                "System.Net.Http",
                "System.Runtime",
                "Npgsql",
                "LifeOS.*")
            .AddOtlpExporter()
            .Build());

        builder.Services.AddHostedService<TelemetryProviderActivator>();
        builder.Services.AddSingleton<IStartupFilter, ProbeTraceSuppressionStartupFilter>();
        return builder;
    }

    /// <summary>
    /// Adds the "self" liveness check that /alive reports, and a probe of each dependency (Kafka, PostgreSQL, Redis,
    /// Qdrant) whose connection string is configured, which /health reports.
    /// </summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Tagged "live": if the process can answer at all it is alive. Dependency checks stay untagged, so a
        // broken database makes /health fail (take it out of rotation) without /alive restarting the pod.
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag])
            .AddDependencyChecks(builder.Configuration);
        return builder;
    }

    /// <summary>Maps /health (every check) and /alive (the "live" checks) for Kubernetes probes.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Mapped in every environment because the probes run in production. Anonymous because a probe carries
        // no credentials and the fallback policy may demand them. The default response writer emits only the
        // status word, never check names, descriptions or exception text, so an unauthenticated caller learns
        // nothing about the internals.
        app.MapHealthChecks(HealthEndpointPath)
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) })
            .AllowAnonymous()
            .ExcludeFromDescription();

        return app;
    }

    private static ResourceBuilder CreateResource(string serviceName) =>
        ResourceBuilder.CreateDefault().AddService(serviceName);

    // A provider made by Sdk.Create…ProviderBuilder has its own small container whose IConfiguration holds only
    // environment variables. Handing it the host's configuration lets the OTLP exporter read
    // OTEL_EXPORTER_OTLP_ENDPOINT/PROTOCOL/HEADERS from appsettings and tests exactly as from env vars
    // (the last registration wins over the SDK's default).
    private static TracerProviderBuilder UseHostConfiguration(this TracerProviderBuilder builder, IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        return builder.ConfigureServices(s => s.AddSingleton(configuration));
    }

    private static MeterProviderBuilder UseHostConfiguration(this MeterProviderBuilder builder, IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        return builder.ConfigureServices(s => s.AddSingleton(configuration));
    }

    internal static bool IsProbePath(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath);
}
