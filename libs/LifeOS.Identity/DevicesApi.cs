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
            .WithName("RegisterDevice")
            .WithSummary("Registers a device and returns its token, shown only this once.");
        return group;
    }

    private static async Task<Results<Created<DeviceRegistered>, ValidationProblem>> RegisterDevice(
        RegisterDeviceRequest request, HttpContext context, IAccountStore accounts)
    {
        if (string.IsNullOrWhiteSpace(request.Device) || request.Device.Length > 128)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["device"] = ["must be 1 to 128 characters"] });

        var caller = Caller.From(context.User);
        var token = Tokens.Generate();
        await accounts.SaveTokenAsync(
            new TokenGrant(Tokens.Hash(token), caller.UserId, TokenKind.Device, request.Device, request.Name ?? request.Device, DateTimeOffset.UtcNow),
            context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Created($"/v1/devices/{Uri.EscapeDataString(request.Device)}/ledger", new DeviceRegistered(request.Device, token));
    }
}

public sealed record RegisterDeviceRequest([property: Required] string Device, string? Name);

public sealed record DeviceRegistered(string Device, string Token);
