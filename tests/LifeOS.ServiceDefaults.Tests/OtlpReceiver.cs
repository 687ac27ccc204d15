using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace LifeOS.ServiceDefaults.Tests;

/// <summary>A minimal OTLP/HTTP collector on loopback that keeps the raw protobuf bodies it is sent.</summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<byte[]> _traceExports = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public string Endpoint => _app.Urls.First();

    public IReadOnlyCollection<byte[]> TraceExports => _traceExports;

    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);

        app.MapPost("/v1/{signal}", async (string signal, HttpContext context) =>
        {
            // The app under test traces every ASP.NET Core host in the process; the collector's own request
            // spans would otherwise be exported back to it.
            if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
            {
                activity.IsAllDataRequested = false;
                activity.ActivityTraceFlags = System.Diagnostics.ActivityTraceFlags.None;
            }

            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            if (signal == "traces")
            {
                receiver._traceExports.Enqueue(body.ToArray());
            }

            // An empty ExportTraceServiceResponse: full success.
            return Results.Bytes([], "application/x-protobuf");
        });

        await app.StartAsync(cancellationToken);
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
