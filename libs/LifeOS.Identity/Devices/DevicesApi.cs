using LifeOS.Contracts;
using LifeOS.Identity.Accounts;
using LifeOS.Identity.Audit;
using LifeOS.Identity.Http;
using LifeOS.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LifeOS.Identity;

/// <summary>Device registration: a user mints a token that can ingest for one device (and, when named, only some event
/// types) and do nothing else; list devices with their last use; revoke a device.</summary>
public static class DevicesApi
{
    public const int MaxTypes = 100;

    public static RouteGroupBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/devices").WithTags("Devices").RequireAuthorization(Policies.Manage);
        group.MapPost("/", RegisterDevice)
            .Accepts<RegisterDeviceRequest>("application/json")
            .WithName("RegisterDevice")
            .WithSummary("Registers a device and returns its token, shown only this once; 'types' limits the event types it may send.");
        group.MapGet("/", ListDevices).WithName("ListDevices").WithSummary("The account's device tokens with their last use.");
        group.MapDelete("/{device}", RevokeDevice).WithName("RevokeDevice").WithSummary("Revokes every token of a device.");
        return group;
    }

    private static async Task<Results<Created<DeviceRegistered>, ProblemHttpResult>> RegisterDevice(
        HttpContext context, IAccountStore accounts, AuditTrail audit, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync<RegisterDeviceRequest>(
            context, """{"device": "watch-1", "name": "My watch", "types": ["device.health.heartrate"]}""").ConfigureAwait(false);
        if (problem is not null)
            return problem;
        if (string.IsNullOrWhiteSpace(request!.Device) || request.Device.Length > 128 || request.Device.Any(char.IsControl))
            return ApiProblems.Field("device", "must be 1 to 128 characters without control characters");
        if (request.Name is { } name && (name.Length > 100 || name.Any(char.IsControl)))
            return ApiProblems.Field("name", "must be at most 100 characters without control characters");
        if (request.Types is { } types)
        {
            if (types.Count is 0 or > MaxTypes)
                return ApiProblems.Field("types", $"when given, must name 1 to {MaxTypes} event types");
            var unknown = types.Where(t => t is null || !TopicCatalogue.TryGetByEventType(t, out _)).Select(t => t ?? "null").FirstOrDefault();
            if (unknown is not null)
                return ApiProblems.Field("types", $"unknown event type '{Truncate(unknown)}'");
        }

        var caller = Caller.From(context.User);
        var token = Tokens.Generate();
        var grant = new TokenGrant(Tokens.Hash(token), caller.UserId, TokenKind.Device, request.Device, request.Name ?? request.Device, clock.GetUtcNow(),
            Scope: Scopes.Ingest, EventTypes: request.Types is null ? null : string.Join(' ', request.Types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));
        await accounts.SaveTokenAsync(grant, context.RequestAborted).ConfigureAwait(false);
        await audit.RecordAsync(context, caller.UserId, AuditTrail.Actions.DeviceCreated, $"device token {grant.Id}").ConfigureAwait(false);
        return TypedResults.Created($"/v1/devices/{Uri.EscapeDataString(request.Device)}/ledger",
            new DeviceRegistered(request.Device, token, grant.Id, request.Types));
    }

    private static async Task<Ok<IReadOnlyList<TokenInfo>>> ListDevices(HttpContext context, IAccountStore accounts)
    {
        var grants = await accounts.ListTokensAsync(Caller.From(context.User).UserId, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<TokenInfo>>([.. grants.Where(g => g.Kind == TokenKind.Device).Select(TokenInfo.From)]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeDevice(
        HttpContext context, IAccountStore accounts, CredentialCache credentials, AuditTrail audit, TimeProvider clock, string device)
    {
        // Routing decodes every escape in a segment except %2F; a device named "home/kitchen" arrives as "home%2Fkitchen".
        device = device.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var caller = Caller.From(context.User);
        var revoked = await accounts.RevokeTokensAsync(caller.UserId, new TokenSelector(Device: device), clock.GetUtcNow(), CancellationToken.None)
            .ConfigureAwait(false);
        if (revoked.Count == 0)
            return ApiProblems.Field("device", "no active token for this device", StatusCodes.Status404NotFound);
        foreach (var grant in revoked)
            credentials.ForgetGrant(grant.Hash);
        await audit.RecordAsync(context, caller.UserId, AuditTrail.Actions.DeviceRevoked,
            $"{revoked.Count} token(s): {string.Join(", ", revoked.Select(g => g.Id))}").ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}

public sealed record RegisterDeviceRequest(string? Device, string? Name, IReadOnlyList<string>? Types);

public sealed record DeviceRegistered(string Device, string Token, string Id, IReadOnlyList<string>? Types);
