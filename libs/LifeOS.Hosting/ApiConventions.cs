using LifeOS.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Hosting;

/// <summary>The HTTP conventions every LifeOS host follows, so the embedded server and the split services answer alike.</summary>
public static class ApiConventions
{
    public static TBuilder AddApiConventions<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Whatever a host writes (databases, blobs, keys) is its owner's only.
        LifeOS.Hosting.PrivateDataDirectory.RestrictNewFiles();
        builder.Services.AddOpenApi();
        builder.Services.AddExceptionHandler<LifeOS.Hosting.DependencyUnavailableHandler>();
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
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            // Media uploads are the largest bodies; each endpoint applies its own, smaller limit.
            kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("LifeOS:Ingestion:MaxMediaBytes") ?? 256L * 1024 * 1024;
            // "Server: Kestrel" tells a scanner what to try; nothing needs it.
            kestrel.AddServerHeader = false;
        });
        // Per-credential rate limits, per-route body limits, the CORS allow-list (LifeOS:Limits, LifeOS:Cors).
        builder.AddRequestLimits();
        return builder;
    }

    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        // Unhandled errors become a bare problem+json 500: no stack trace or message leaves the process.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeadersAndCors();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseAuthentication();
        // Limits count per credential, so they follow authentication; a request over them never reaches authorization.
        app.UseRequestLimits();
        app.UseAuthorization();
        return app;
    }
}
