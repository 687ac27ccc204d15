using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;

namespace LifeOS.ServiceDefaults;

/// <summary>Keeps /health and /alive requests out of exported traces.</summary>
/// <remarks>
/// Kubernetes probes hit these endpoints every few seconds; exported, they would drown real requests in the
/// trace store. The Aspire template drops them with the ASP.NET Core instrumentation's Filter, which is not
/// available here, so this un-records ASP.NET Core's own request activity instead: the SDK skips activities
/// whose IsAllDataRequested is false, the batch processor skips those not flagged Recorded, and anything the
/// health checks start beneath it inherits "not sampled" from the parent-based sampler.
/// A startup filter rather than app.Use in MapDefaultEndpoints puts this first in the pipeline, ahead of any
/// middleware the app adds that could short-circuit the request.
/// </remarks>
internal sealed class ProbeTraceSuppressionStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (Extensions.IsProbePath(context.Request.Path)
                && context.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
            {
                activity.IsAllDataRequested = false;
                activity.ActivityTraceFlags &= ~System.Diagnostics.ActivityTraceFlags.Recorded;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
