using LifeOS.Identity.Audit;
using LifeOS.Identity.Http;
using LifeOS.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LifeOS.Identity.Accounts;

/// <summary>Personal access tokens for scripts and importers: scoped, expiring, revocable, stored hashed, shown once.</summary>
public static class TokensApi
{
    public const int DefaultLifetimeDays = 90;
    public const int MaxLifetimeDays = 366;

    public static RouteGroupBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/tokens").WithTags("Accounts").RequireAuthorization(Policies.Manage);
        group.MapPost("/", Create).Accepts<CreateTokenRequest>("application/json").WithName("CreateToken")
            .WithSummary("Creates a personal access token with the given scopes and lifetime; the token is shown only this once.");
        group.MapGet("/", List).WithName("ListTokens")
            .WithSummary("The account's personal access and device tokens (never the tokens themselves), with last use.");
        group.MapDelete("/{id}", Revoke).WithName("RevokeToken").WithSummary("Revokes one token by its id.");
        return group;
    }

    private static async Task<Results<Created<TokenCreated>, ProblemHttpResult>> Create(
        HttpContext context, IAccountStore accounts, AuditTrail audit, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync<CreateTokenRequest>(
            context, """{"name": "importer", "scopes": ["ingest"], "expiresInDays": 30}""").ConfigureAwait(false);
        if (problem is not null)
            return problem;
        var caller = Caller.From(context.User);
        if (string.IsNullOrWhiteSpace(request!.Name) || request.Name.Length > 100 || request.Name.Any(char.IsControl))
            return ApiProblems.Field("name", "must be 1 to 100 characters without control characters");
        if (Scopes.Validate(request.Scopes) is { } scopeError)
            return ApiProblems.FromError(scopeError);
        // A token can only hand on what it holds itself.
        if (request.Scopes!.FirstOrDefault(s => !caller.Has(s)) is { } missing)
            return ApiProblems.Field("scopes", $"'{missing}' is not a scope of the token making this request", StatusCodes.Status403Forbidden);
        var days = request.ExpiresInDays ?? DefaultLifetimeDays;
        if (days is < 1 or > MaxLifetimeDays)
            return ApiProblems.Field("expiresInDays", $"must be between 1 and {MaxLifetimeDays}");

        var token = Tokens.Generate();
        var now = clock.GetUtcNow();
        var grant = new TokenGrant(Tokens.Hash(token), caller.UserId, TokenKind.User, null, request.Name.Trim(), now,
            Scope: Scopes.Format(request.Scopes!), Expires: now.AddDays(days));
        await accounts.SaveTokenAsync(grant, context.RequestAborted).ConfigureAwait(false);
        await audit.RecordAsync(context, caller.UserId, AuditTrail.Actions.TokenCreated, $"token {grant.Id} ({grant.Scope})").ConfigureAwait(false);
        return TypedResults.Created($"/v1/tokens/{grant.Id}", new TokenCreated(grant.Id, token, Scopes.Parse(grant.Scope), grant.Expires));
    }

    private static async Task<Ok<IReadOnlyList<TokenInfo>>> List(HttpContext context, IAccountStore accounts)
    {
        var grants = await accounts.ListTokensAsync(Caller.From(context.User).UserId, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<TokenInfo>>([.. grants.Select(TokenInfo.From)]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        HttpContext context, IAccountStore accounts, CredentialCache credentials, AuditTrail audit, TimeProvider clock, string id)
    {
        var caller = Caller.From(context.User);
        if (id.Length != TokenGrant.IdLength)
            return ApiProblems.Field("id", "no active token with this id", StatusCodes.Status404NotFound);
        var revoked = await accounts.RevokeTokensAsync(caller.UserId, new TokenSelector(Id: id), clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        if (revoked.Count == 0)
            return ApiProblems.Field("id", "no active token with this id", StatusCodes.Status404NotFound);
        foreach (var grant in revoked)
        {
            credentials.ForgetGrant(grant.Hash);
            await audit.RecordAsync(context, caller.UserId, AuditTrail.Actions.TokenRevoked, $"token {grant.Id}").ConfigureAwait(false);
        }

        return TypedResults.NoContent();
    }
}

public sealed record CreateTokenRequest(string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays);

public sealed record TokenCreated(string Id, string Token, IReadOnlyList<string> Scopes, DateTimeOffset? Expires);

/// <summary>A token as listed: everything but the token (which is never stored).</summary>
public sealed record TokenInfo(
    string Id, string Kind, string Name, string? Device, IReadOnlyList<string> Scopes, IReadOnlyList<string>? EventTypes,
    DateTimeOffset Created, DateTimeOffset? Expires, DateTimeOffset? LastSeen, DateTimeOffset? Revoked)
{
    public static TokenInfo From(TokenGrant grant) => new(
        grant.Id, grant.Kind == TokenKind.Device ? "device" : "personal", grant.Name, grant.Device,
        grant.Kind == TokenKind.Device ? [LifeOS.Identity.Scopes.Ingest] : LifeOS.Identity.Scopes.Parse(grant.Scope),
        grant.EventTypes?.Split(' ', StringSplitOptions.RemoveEmptyEntries), grant.Created, grant.Expires, grant.LastSeen, grant.Revoked);
}
