using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LifeOS.Vectors.Tests.Qdrant;

/// <summary>One request as it arrived on the wire.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string? ApiKey, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// A local HTTP server that records every request and answers with whatever the test scripts. It is not Qdrant and stands
/// in for nothing: tests use it to read the exact bytes the client sends and to feed it answers in Qdrant's documented shape.
/// </summary>
public sealed class RecordingHttpListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private RecordingHttpListener(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<RecordingHttpListener> StartAsync(Func<RecordedRequest, (int Status, string Body)> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var listener = new RecordingHttpListener(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var request = new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.TryGetValue("api-key", out var key) ? key.ToString() : null,
                context.Request.ContentType,
                await reader.ReadToEndAsync());
            listener._requests.Enqueue(request);
            var (status, body) = answer(request);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        listener.Address = new Uri(address);
        return listener;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
