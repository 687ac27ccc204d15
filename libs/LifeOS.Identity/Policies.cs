using LifeOS.Storage;
using Microsoft.AspNetCore.Authorization;

namespace LifeOS.Identity;

/// <summary>The authorization policies endpoints name.</summary>
public static class Policies
{
    /// <summary>May send events: any valid token (a device token only for its own device, checked per event).</summary>
    public const string Ingest = "ingest";

    /// <summary>May read and manage data: user tokens only; a device token can ingest and nothing else.</summary>
    public const string Query = "query";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Ingest, policy => policy.RequireAuthenticatedUser());
        options.AddPolicy(Query, policy => policy.RequireAuthenticatedUser().RequireClaim(Caller.KindClaim, nameof(TokenKind.User)));
        // Every route is authenticated unless it opts out (health probes do).
        options.FallbackPolicy = options.GetPolicy(Query);
    }
}
