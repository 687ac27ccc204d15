using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

// ActivitySource listeners are process-wide: a provider left running by one test would sample another
// test's activities and make the telemetry assertions meaningless, so these tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace LifeOS.ServiceDefaults.Tests;

/// <summary>Builds real Kestrel apps on an ephemeral loopback port for the tests.</summary>
internal static class TestApps
{
    public static WebApplicationBuilder CreateBuilder(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // An OTLP endpoint in the machine's environment must not switch telemetry on behind a test's back.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "" });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        return builder;
    }

    public static HttpClient CreateClient(WebApplication app) =>
        new() { BaseAddress = new Uri(app.Urls.First()) };
}
