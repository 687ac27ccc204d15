using System.Globalization;
using LifeOS.Contracts;
using LifeOS.Identity.Audit;
using LifeOS.Identity.Http;
using LifeOS.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LifeOS.Identity.Deletion;

/// <summary>A user deletes a time range or some types of their data, or the whole account; derived rows, blobs and
/// vectors go with it, and the audit log (which is kept) records it.</summary>
public static class DataApi
{
    public static RouteGroupBuilder MapDataDeletionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Deletion").RequireAuthorization(Policies.Manage);
        group.MapDelete("/data", DeleteData).WithName("DeleteData")
            .WithSummary("Deletes the caller's events in [from, to) and/or of the given types, with every row, blob and vector made from them.");
        group.MapDelete("/account", DeleteAccount).WithName("DeleteAccount")
            .WithSummary("Deletes the caller's account and all its data; '?confirm=<login>' must name the account.");
        return group;
    }

    private static async Task<Results<Ok<DeletionResponse>, ProblemHttpResult>> DeleteData(
        HttpContext context, DataDeletion deletion, PipelineDrain drain, AuditTrail audit, string? from, string? to, string? types)
    {
        var errors = new[] { QueryParameters.Time("from", from, out var start), QueryParameters.Time("to", to, out var end), QueryParameters.Types(types, out var typeList, max: 100) };
        if (errors.FirstOrDefault(e => e is not null) is { } error)
            return ApiProblems.FromError(error);
        if (start is null && end is null && typeList is null)
            return ApiProblems.Field("from", "name a range (from, to) and/or types; to delete everything, delete the account");
        if (start is not null && end is not null && end <= start)
            return ApiProblems.Field("to", "must be after from");

        var caller = Caller.From(context.User);
        var selection = new DataSelection(caller.UserId, start, end, typeList);
        await drain.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        var report = await deletion.DeleteAsync(selection, CancellationToken.None).ConfigureAwait(false);
        await audit.RecordAsync(context, caller.UserId, AuditTrail.Actions.DataDeleted, Describe(selection, report)).ConfigureAwait(false);
        return TypedResults.Ok(new DeletionResponse(report.Removed));
    }

    private static async Task<Results<Ok<DeletionResponse>, ProblemHttpResult>> DeleteAccount(
        HttpContext context, DataDeletion deletion, PipelineDrain drain, AuditTrail audit, IAccountStore accounts, ISessionStore sessions,
        CredentialCache credentials, TimeProvider clock, string? confirm)
    {
        var caller = Caller.From(context.User);
        var user = await accounts.FindUserAsync(caller.UserId, context.RequestAborted).ConfigureAwait(false);
        if (user is null)
            return ApiProblems.Field("account", "does not exist", StatusCodes.Status404NotFound);
        if (!string.Equals(confirm, user.Login, StringComparison.Ordinal))
            return ApiProblems.Field("confirm", "must be the account's login, to show the deletion of everything is meant");

        // Credentials stop working first, so nothing new arrives while the data goes.
        var now = clock.GetUtcNow();
        foreach (var grant in await accounts.RevokeTokensAsync(user.Id, TokenSelector.All, now, CancellationToken.None).ConfigureAwait(false))
            credentials.ForgetGrant(grant.Hash);
        foreach (var session in await sessions.RevokeAllAsync(user.Id, null, now, CancellationToken.None).ConfigureAwait(false))
            credentials.ForgetSession(session);

        await drain.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        var selection = DataSelection.Account(user.Id);
        var report = await deletion.DeleteAsync(selection, CancellationToken.None).ConfigureAwait(false);
        await audit.RecordAsync(context, user.Id, AuditTrail.Actions.AccountDeleted, Describe(selection, report)).ConfigureAwait(false);
        return TypedResults.Ok(new DeletionResponse(report.Removed));
    }

    private static string Describe(DataSelection selection, DeletionReport report) =>
        (selection.Everything ? "everything" : string.Join(", ", new[]
        {
            selection.From is { } f ? "from " + Timestamps.Format(f) : null,
            selection.To is { } t ? "to " + Timestamps.Format(t) : null,
            selection.Types is { } types ? "types " + string.Join(' ', types) : null,
        }.OfType<string>()))
        + "; removed " + string.Join(", ", report.Removed.Select(r => $"{r.Key} {r.Value.ToString(CultureInfo.InvariantCulture)}"));
}

public sealed record DeletionResponse(IReadOnlyDictionary<string, long> Removed);
