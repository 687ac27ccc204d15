using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LifeOS.ServiceDefaults.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Without_an_otlp_endpoint_no_provider_is_registered()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = CreateGenericHost(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "" });
        await host.StartAsync(ct);

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_LifeOS_activities_are_sampled_once_the_host_has_started()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpReceiver.StartAsync(ct);
        using var source = new ActivitySource("LifeOS.Test");
        using var host = CreateGenericHost(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        Assert.False(source.HasListeners());

        // Nothing asks for the TracerProvider before this activity starts: starting the host must build it.
        await host.StartAsync(ct);
        using (var activity = source.StartActivity("work"))
        {
            Assert.NotNull(activity);
            Assert.True(activity.Recorded);
        }

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task Spans_reach_an_otlp_receiver_and_probe_requests_do_not()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpReceiver.StartAsync(ct);
        var builder = TestApps.CreateBuilder(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "lifeos-otlp-test",
        });
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapGet("/ping", () => "pong");
        app.MapDefaultEndpoints();
        await app.StartAsync(ct);

        ActivityTraceId workTrace;
        using (var source = new ActivitySource("LifeOS.Test"))
        using (var activity = source.StartActivity("work"))
        {
            workTrace = activity!.TraceId;
        }

        var healthTrace = ActivityTraceId.CreateRandom();
        var aliveTrace = ActivityTraceId.CreateRandom();
        var pingTrace = ActivityTraceId.CreateRandom();

        // Registered after the app's provider, so by the time it hears a request activity stop the provider
        // has already handed that span to (or kept it from) its export queue.
        var stopped = new[] { healthTrace, aliveTrace, pingTrace }.ToDictionary(t => t, _ => new TaskCompletionSource());
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Microsoft.AspNetCore",
            ActivityStopped = a => { if (stopped.TryGetValue(a.TraceId, out var done)) done.TrySetResult(); },
        };
        ActivitySource.AddActivityListener(listener);

        // The test's own HttpClient must not replace the traceparent chosen below.
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = new Uri(app.Urls.First()) };
        await SendWithTraceAsync(client, "/health", healthTrace, ct);
        await SendWithTraceAsync(client, "/alive", aliveTrace, ct);
        await SendWithTraceAsync(client, "/ping", pingTrace, ct);
        await Task.WhenAll(stopped.Values.Select(s => s.Task)).WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));

        var exports = receiver.TraceExports.ToList();
        Assert.NotEmpty(exports);
        Assert.All(exports, body => Assert.NotEmpty(body));
        Assert.Contains(exports, body => Contains(body, workTrace));
        Assert.Contains(exports, body => Contains(body, pingTrace));
        Assert.Contains(exports, body => Contains(body, Encoding.UTF8.GetBytes("lifeos-otlp-test")));
        Assert.DoesNotContain(exports, body => Contains(body, healthTrace));
        Assert.DoesNotContain(exports, body => Contains(body, aliveTrace));
    }

    private static IHost CreateGenericHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        return builder.Build();
    }

    private static async Task SendWithTraceAsync(HttpClient client, string path, ActivityTraceId traceId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static bool Contains(byte[] body, ActivityTraceId traceId)
    {
        // OTLP/protobuf carries trace ids as their 16 raw bytes.
        Span<byte> bytes = stackalloc byte[16];
        traceId.CopyTo(bytes);
        return body.AsSpan().IndexOf(bytes) >= 0;
    }

    private static bool Contains(byte[] body, byte[] value) => body.AsSpan().IndexOf(value) >= 0;
}
