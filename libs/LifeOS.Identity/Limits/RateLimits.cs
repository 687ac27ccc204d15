using System.Globalization;
using System.Threading.RateLimiting;
using LifeOS.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Identity.Limits;

/// <summary>Per-credential request limits with the ASP.NET Core rate limiter: in process for the embedded server,
/// counted in the state store when one is registered (the split services), so replicas share one budget.</summary>
public static class RateLimits
{
    /// <summary>The policy of login, registration and refresh: attempts per client address.</summary>
    public const string AuthPolicy = "auth";

    /// <summary>The policy of share creation: shares per account, so trying logins as grantees is slow from any token.</summary>
    public const string SharePolicy = "share";

    internal static void Configure(RateLimiterOptions options, LimitsOptions limits)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            Partition(context, "requests", PartitionKey(context), limits.RequestsPerWindow, limits.Window));
        options.AddPolicy(AuthPolicy, context =>
            Partition(context, "auth", "addr:" + Address(context), limits.AuthRequestsPerWindow, limits.AuthWindow));
        options.AddPolicy(SharePolicy, context =>
            Partition(context, "share", context.User.FindFirst(Caller.UserIdClaim)?.Value is { } user ? "user:" + user : "addr:" + Address(context),
                limits.SharesPerWindow, limits.ShareWindow));
        options.OnRejected = (rejected, _) => WriteRejectionAsync(rejected.HttpContext, rejected.Lease);
    }

    /// <summary>Authenticated callers are limited per credential; everyone else shares a budget per address, so a flood
    /// of made-up tokens is limited too.</summary>
    private static string PartitionKey(HttpContext context) =>
        context.User.FindFirst(Caller.CredentialClaim)?.Value is { } credential ? credential : "addr:" + Address(context);

    internal static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> Partition(HttpContext context, string name, string key, int limit, TimeSpan window)
    {
        var services = context.RequestServices;
        if (services.GetService<IStateStore>() is { } store)
        {
            var clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
            return RateLimitPartition.Get(name + ":" + key, _ =>
                new StateStoreRateLimiter(new FixedWindowRateCounter(store, name, limit, window), key, clock));
        }

        return RateLimitPartition.GetFixedWindowLimiter(name + ":" + key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask WriteRejectionAsync(HttpContext context, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(new
        {
            type = "about:blank",
            title = "Too many requests",
            status = StatusCodes.Status429TooManyRequests,
            detail = $"rate: this credential (or address) made too many requests; retry after {seconds} s",
            field = "rate",
        }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted).ConfigureAwait(false);
    }
}
