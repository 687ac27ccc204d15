using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LifeOS.Testing.Servers;

/// <summary>A real HTTP server on a free loopback port that serves fixed documents by path (or answers with a handler), for
/// the URL step to fetch and model clients to call.</summary>
public sealed class LocalWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalWebServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static Task<LocalWebServer> StartAsync(IReadOnlyDictionary<string, (string ContentType, byte[] Body)> documents) =>
        StartAsync(async context =>
        {
            if (!documents.TryGetValue(context.Request.Path.Value ?? "", out var document))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = document.ContentType;
            await context.Response.Body.WriteAsync(document.Body);
        });

    public static async Task<LocalWebServer> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var server = new LocalWebServer(app);
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return server;
    }

    public Uri At(string path) => new(BaseAddress, path);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
