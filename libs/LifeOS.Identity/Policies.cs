using LifeOS.Storage;
using Microsoft.AspNetCore.Authorization;

namespace LifeOS.Identity;

/// <summary>The authorization policies endpoints name.</summary>
public static class Policies
{
    /// <summary>May send events: the ingest scope (a device token only for its own device and types, checked per event).</summary>
    public const string Ingest = "ingest";

    /// <summary>May write what a person writes (journal entries, notes, links): the ingest scope on a user's credential. A
    /// device token sends only its own device's declared event types, so it may not use these routes.</summary>
    public const string Write = "write";

    /// <summary>May read data: the read scope on a user's credential; a device token can ingest and nothing else.</summary>
    public const string Query = "query";

    /// <summary>May manage the account: devices, tokens, shares, audit, secrets, deletion.</summary>
    public const string Manage = "manage";

    /// <summary>May see the whole server's figures (pipeline lag over every account): the operator, which is the bootstrap
    /// owner account, with the read scope.</summary>
    public const string Operator = "operator";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Operator, policy => policy.RequireAuthenticatedUser()
            .RequireClaim(Caller.KindClaim, nameof(TokenKind.User)).RequireClaim(Caller.UserIdClaim, BootstrapOwner.OwnerUserId)
            .RequireAssertion(c => HasScope(c, Scopes.Read)));
        options.AddPolicy(Ingest, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => HasScope(c, Scopes.Ingest)));
        options.AddPolicy(Write, policy => policy.RequireAuthenticatedUser()
            .RequireClaim(Caller.KindClaim, nameof(TokenKind.User)).RequireAssertion(c => HasScope(c, Scopes.Ingest)));
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
