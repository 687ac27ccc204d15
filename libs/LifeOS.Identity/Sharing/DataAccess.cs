using LifeOS.Identity.Http;
using LifeOS.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Identity.Sharing;

/// <summary>Resolves whose data a read names (<c>?user=</c>, defaulting to the caller's own) against the caller's shares.
/// Every query path calls this before touching a store, so shares are enforced in one place.</summary>
public static class DataAccess
{
    public const string UserParameter = "user";

    /// <summary>The scope the caller may read with at least <paramref name="minimum"/>, or the problem to answer.</summary>
    public static async Task<(DataScope? Scope, ProblemHttpResult? Denied)> ResolveAsync(HttpContext context, ShareRole minimum = ShareRole.Viewer)
    {
        var caller = Caller.From(context.User);
        var requested = context.Request.Query[UserParameter];
        if (requested.Count > 1)
            return (null, ApiProblems.Field(UserParameter, "may be given once"));
        var owner = requested.Count == 1 ? requested.ToString() : null;
        if (string.IsNullOrEmpty(owner) || string.Equals(owner, caller.UserId, StringComparison.Ordinal))
            return (DataScope.Own(caller.UserId), null);
        if (owner.Length > 128)
            return (null, ApiProblems.Field(UserParameter, "must be at most 128 characters"));

        var shares = context.RequestServices.GetRequiredService<IShareStore>();
        var share = await shares.FindActiveAsync(owner, caller.UserId, context.RequestAborted).ConfigureAwait(false);
        // The same answer whether the user exists or not: a share's absence says nothing about the account.
        if (share is null || share.Role < minimum)
            return (null, ApiProblems.Field(UserParameter, "no share from this user allows this", StatusCodes.Status403Forbidden));
        return (DataScope.Of(share), null);
    }
}
