using LifeOS.Contracts;
using LifeOS.Identity.Accounts;
using LifeOS.Identity.Audit;
using LifeOS.Identity.Http;
using LifeOS.Identity.Limits;
using LifeOS.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LifeOS.Identity.Sharing;

/// <summary>Sharing one's data with another account as Owner, Collaborator (read and annotate) or Viewer (read),
/// optionally limited to event types and a time range; either side may revoke.</summary>
public static class SharesApi
{
    public static RouteGroupBuilder MapSharesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/shares").WithTags("Sharing").RequireAuthorization(Policies.Manage);
        group.MapPost("/", Create).Accepts<CreateShareRequest>("application/json").WithName("CreateShare")
            .RequireRateLimiting(RateLimits.SharePolicy)
            .WithSummary("Shares the caller's data with another account (replacing any earlier share with it). A login with no account "
                + "is answered like any other, with a share that reaches no one, so shares cannot be used to find out which logins exist.");
        group.MapGet("/", List).WithName("ListShares").WithSummary("Active shares the caller gave and received.");
        group.MapDelete("/{id}", Revoke).WithName("RevokeShare").WithSummary("Revokes a share the caller gave or received.");
        return group;
    }

    private static async Task<Results<Created<ShareInfo>, ProblemHttpResult>> Create(
        HttpContext context, IShareStore shares, IAccountStore accounts, AuditTrail audit, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync<CreateShareRequest>(
            context, """{"grantee": "bob", "role": "viewer", "types": ["device.health.heartrate"], "from": "2026-01-01T00:00:00Z"}""").ConfigureAwait(false);
        if (problem is not null)
            return problem;
        var caller = Caller.From(context.User);
        if (string.IsNullOrWhiteSpace(request!.Grantee) || request.Grantee.Length > 128)
            return ApiProblems.Field("grantee", "must name an account by its login");
        if (!Enum.TryParse<ShareRole>(request.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(request.Role, out _))
            return ApiProblems.Field("role", "must be one of viewer, collaborator, owner");
        if (request.Types is { } types && (types.Count is 0 or > 100 || types.Any(t => t is null || !TopicCatalogue.TryGetByEventType(t, out _))))
            return ApiProblems.Field("types", "when given, must name 1 to 100 known event types");
        var fromError = Time(request.From, "from", out var from);
        var toError = Time(request.To, "to", out var to);
        if ((fromError ?? toError) is { } timeError)
            return ApiProblems.FromError(timeError);
        if (from is not null && to is not null && to <= from)
            return ApiProblems.Field("to", "must be after from");

        var grantee = await accounts.FindUserByLoginAsync(request.Grantee, context.RequestAborted).ConfigureAwait(false);
        if (grantee?.Id == caller.UserId)
            return ApiProblems.Field("grantee", "is the caller; one's own data needs no share");
        // An unknown login gets a share to a fresh id no account has (shaped like a real one), answered exactly like a
        // share to a real account: the answer must not tell which logins exist. It can never reach anyone, even if the
        // login is registered later.
        var granteeId = grantee?.Id ?? AccountService.NewUserId();

        var share = new DataShare("sh_" + Tokens.RandomId(12), caller.UserId, granteeId, role,
            request.Types is null ? null : string.Join(' ', request.Types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            from, to, clock.GetUtcNow());
        await shares.CreateAsync(share, context.RequestAborted).ConfigureAwait(false);
        var detail = $"share {share.Id}: {role} to {granteeId}" + (share.Types is null ? "" : $", types {share.Types}")
            + (from is null && to is null ? "" : $", {from:O} to {to:O}");
        await audit.RecordAsync(context, caller.UserId, AuditTrail.Actions.ShareCreated, detail).ConfigureAwait(false);
        if (grantee is not null)
            await audit.RecordAsync(context, grantee.Id, AuditTrail.Actions.ShareCreated, detail, actor: caller.UserId).ConfigureAwait(false);
        return TypedResults.Created($"/v1/shares/{share.Id}", ShareInfo.Of(share));
    }

    private static async Task<Ok<SharesResponse>> List(HttpContext context, IShareStore shares)
    {
        var caller = Caller.From(context.User);
        var all = await shares.ListAsync(caller.UserId, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new SharesResponse(
            [.. all.Where(s => s.OwnerId == caller.UserId).Select(ShareInfo.Of)],
            [.. all.Where(s => s.GranteeId == caller.UserId).Select(ShareInfo.Of)]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        HttpContext context, IShareStore shares, AuditTrail audit, TimeProvider clock, string id)
    {
        var caller = Caller.From(context.User);
        var revoked = id.Length <= 64 ? await shares.RevokeAsync(caller.UserId, id, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false) : null;
        if (revoked is null)
            return ApiProblems.Field("id", "no active share with this id", StatusCodes.Status404NotFound);
        var detail = $"share {revoked.Id}: {revoked.Role} to {revoked.GranteeId}";
        await audit.RecordAsync(context, revoked.OwnerId, AuditTrail.Actions.ShareRevoked, detail, actor: caller.UserId == revoked.OwnerId ? null : caller.UserId)
            .ConfigureAwait(false);
        await audit.RecordAsync(context, revoked.GranteeId, AuditTrail.Actions.ShareRevoked, detail, actor: caller.UserId == revoked.GranteeId ? null : caller.UserId)
            .ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static string? Time(string? text, string field, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
            return null;
        if (!Timestamps.TryParse(text, out var parsed))
            return $"{field}: must be an RFC 3339 timestamp with a UTC offset, e.g. 2026-11-22T08:00:00Z";
        // Whole microseconds, as every store keeps times.
        value = Timestamps.FromUnixMicros(Timestamps.ToUnixMicros(parsed));
        return null;
    }
}

public sealed record CreateShareRequest(string? Grantee, string? Role, IReadOnlyList<string>? Types, string? From, string? To);

public sealed record SharesResponse(IReadOnlyList<ShareInfo> Given, IReadOnlyList<ShareInfo> Received);

public sealed record ShareInfo(string Id, string Owner, string Grantee, string Role, IReadOnlyList<string>? Types, DateTimeOffset? From, DateTimeOffset? To, DateTimeOffset Created)
{
    public static ShareInfo Of(DataShare share) => new(
        share.Id, share.OwnerId, share.GranteeId, share.Role.ToString().ToLowerInvariant(),
        share.Types?.Split(' ', StringSplitOptions.RemoveEmptyEntries), share.From, share.To, share.Created);
}
