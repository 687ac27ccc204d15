using System.Globalization;
using LifeOS.Identity.Http;
using LifeOS.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LifeOS.Identity.Audit;

/// <summary>The account's audit log, newest first, for its owner only.</summary>
public static class AuditApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteHandlerBuilder MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/audit", List).WithTags("Accounts").RequireAuthorization(Policies.Manage).WithName("GetAuditLog")
            .WithSummary("Logins, failed logins, token, device and share changes, exports and deletions on this account, newest first.");

    private static async Task<Results<Ok<AuditResponse>, ProblemHttpResult>> List(HttpContext context, IAuditLog log, string? before, string? limit)
    {
        long? beforeSeq = null;
        if (before is not null)
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
                return ApiProblems.Field("before", "must be the 'next' value of a previous page");
            beforeSeq = seq;
        }

        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
            return ApiProblems.Field("limit", $"must be a whole number between 1 and {MaxLimit}");

        var entries = await log.ListAsync(Caller.From(context.User).UserId, beforeSeq, size, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new AuditResponse(
            [.. entries.Select(e => new AuditItem(e.Seq, e.Time, e.Action, e.Actor, e.Detail, e.Address))],
            entries.Count == size ? entries[^1].Seq.ToString(CultureInfo.InvariantCulture) : null));
    }
}

public sealed record AuditResponse(IReadOnlyList<AuditItem> Items, string? Next);

public sealed record AuditItem(long Seq, DateTimeOffset Time, string Action, string? Actor, string? Detail, string? Address);
