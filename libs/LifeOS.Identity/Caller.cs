using System.Security.Claims;
using LifeOS.Storage;

namespace LifeOS.Identity;

/// <summary>Who is calling: the user whose data is touched and, for a device token, the one device it speaks for.</summary>
public sealed record Caller(string UserId, TokenKind Kind, string? Device)
{
    public const string UserIdClaim = "sub";
    public const string KindClaim = "lifeos:token_kind";
    public const string DeviceClaim = "lifeos:device";

    /// <summary>Reads the caller from an authenticated principal; the authentication handler guarantees the claims.</summary>
    public static Caller From(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(UserIdClaim) ?? throw new InvalidOperationException("unauthenticated principal"),
        Enum.Parse<TokenKind>(principal.FindFirstValue(KindClaim) ?? nameof(TokenKind.User)),
        principal.FindFirstValue(DeviceClaim));

    /// <summary>Null when this caller may send events for <paramref name="device"/>, otherwise why not.</summary>
    public string? CannotSendFor(string device) =>
        Kind == TokenKind.Device && !string.Equals(device, Device, StringComparison.Ordinal)
            ? $"this device token may only send events for device '{Device}'"
            : null;
}
