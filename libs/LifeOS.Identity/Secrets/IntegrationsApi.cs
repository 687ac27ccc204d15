using System.Text.RegularExpressions;
using LifeOS.Identity.Audit;
using LifeOS.Identity.Http;
using LifeOS.Identity.Limits;
using LifeOS.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LifeOS.Identity.Secrets;

/// <summary>Stores and removes the account's integration secrets; no endpoint ever returns one.</summary>
public static partial class IntegrationsApi
{
    public const int MaxSecretLength = 16 * 1024;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    public static RouteGroupBuilder MapIntegrationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/integrations").WithTags("Integrations").RequireAuthorization(Policies.Manage);
        group.MapPut("/{name}", Put).WithBodyLimit(MaxSecretLength * 2).Accepts<PutSecretRequest>("application/json").WithName("PutIntegrationSecret")
            .WithSummary("Stores a connected service's secret (e.g. an OAuth refresh token), encrypted at rest.");
        group.MapGet("/", List).WithName("ListIntegrations").WithSummary("The names of the stored secrets and when each was set, never the secrets.");
        group.MapDelete("/{name}", Delete).WithName("DeleteIntegrationSecret").WithSummary("Removes a stored secret.");
        return group;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Put(HttpContext context, IntegrationSecrets secrets, AuditTrail audit, string name)
    {
        if (!NamePattern().IsMatch(name))
            return ApiProblems.Field("name", "must be 1 to 64 lower-case letters, digits, '.', '_' or '-'");
        var (request, problem) = await JsonBody.ReadAsync<PutSecretRequest>(context, """{"secret": "..."}""").ConfigureAwait(false);
        if (problem is not null)
            return problem;
        if (string.IsNullOrEmpty(request!.Secret) || request.Secret.Length > MaxSecretLength)
            return ApiProblems.Field("secret", $"must be 1 to {MaxSecretLength} characters");

        var caller = Caller.From(context.User);
        await secrets.PutAsync(caller.UserId, name, request.Secret, context.RequestAborted).ConfigureAwait(false);
        await audit.RecordAsync(context, caller.UserId, AuditTrail.Actions.SecretSaved, name).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<IntegrationSecretInfo>>> List(HttpContext context, IntegrationSecrets secrets) =>
        TypedResults.Ok(await secrets.ListAsync(Caller.From(context.User).UserId, context.RequestAborted).ConfigureAwait(false));

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext context, IntegrationSecrets secrets, AuditTrail audit, string name)
    {
        var caller = Caller.From(context.User);
        if (!NamePattern().IsMatch(name) || !await secrets.DeleteAsync(caller.UserId, name, context.RequestAborted).ConfigureAwait(false))
            return ApiProblems.Field("name", "no secret with this name", StatusCodes.Status404NotFound);
        await audit.RecordAsync(context, caller.UserId, AuditTrail.Actions.SecretDeleted, name).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}

public sealed record PutSecretRequest(string? Secret);
