using LifeOS.Storage;
using Microsoft.AspNetCore.Authorization;

namespace LifeOS.Identity;

/// <summary>The authorization policies endpoints name.</summary>
public static class Policies
{
    /// <summary>May send events: the ingest scope (a device token only for its own device and types, checked per event).</summary>
    public const string Ingest = "ingest";

    /// <summary>May read data: the read scope on a user's credential; a device token can ingest and nothing else.</summary>
    public const string Query = "query";

    /// <summary>May manage the account: devices, tokens, shares, audit, secrets, deletion.</summary>
    public const string Manage = "manage";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Ingest, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => HasScope(c, Scopes.Ingest)));
        options.AddPolicy(Query, policy => policy.RequireAuthenticatedUser()
            .RequireClaim(Caller.KindClaim, nameof(TokenKind.User)).RequireAssertion(c => HasScope(c, Scopes.Read)));
        options.AddPolicy(Manage, policy => policy.RequireAuthenticatedUser()
            .RequireClaim(Caller.KindClaim, nameof(TokenKind.User)).RequireAssertion(c => HasScope(c, Scopes.Manage)));
        // Every route is authenticated unless it opts out (health probes, logins do).
        options.FallbackPolicy = options.GetPolicy(Query);
    }

    private static bool HasScope(AuthorizationHandlerContext context, string scope) =>
        context.User.FindFirst(Caller.ScopeClaim)?.Value.Split(' ').Contains(scope, StringComparer.Ordinal) == true;
}
