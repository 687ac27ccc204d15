using System.ComponentModel.DataAnnotations;
using LifeOS.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LifeOS.Identity;

/// <summary>Device registration: a user mints a token that can ingest for one device and do nothing else.</summary>
public static class DevicesApi
{
    public static RouteGroupBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/devices").WithTags("Devices").RequireAuthorization(Policies.Query);
        group.MapPost("/", RegisterDevice)
            .Accepts<RegisterDeviceRequest>("application/json")
            .WithName("RegisterDevice")
            .WithSummary("Registers a device and returns its token, shown only this once.");
        return group;
    }

    private static async Task<Results<Created<DeviceRegistered>, ProblemHttpResult>> RegisterDevice(HttpContext context, IAccountStore accounts)
    {
        // Read the body here rather than by binding, so a malformed one is answered with the field at fault.
        RegisterDeviceRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<RegisterDeviceRequest>(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or BadHttpRequestException)
        {
            request = null;
        }

        if (request is null)
            return Problem("body", "must be a JSON object like {\"device\": \"watch-1\", \"name\": \"My watch\"}");
        if (string.IsNullOrWhiteSpace(request.Device) || request.Device.Length > 128 || request.Device.Any(char.IsControl))
            return Problem("device", "must be 1 to 128 characters without control characters");

        var caller = Caller.From(context.User);
        var token = Tokens.Generate();
        await accounts.SaveTokenAsync(
            new TokenGrant(Tokens.Hash(token), caller.UserId, TokenKind.Device, request.Device, request.Name ?? request.Device, DateTimeOffset.UtcNow),
            context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Created($"/v1/devices/{Uri.EscapeDataString(request.Device)}/ledger", new DeviceRegistered(request.Device, token));
    }

    private static ProblemHttpResult Problem(string field, string detail) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: $"{field}: {detail}",
            extensions: new Dictionary<string, object?> { ["field"] = field });
}

public sealed record RegisterDeviceRequest([property: Required] string? Device, string? Name);

public sealed record DeviceRegistered(string Device, string Token);
