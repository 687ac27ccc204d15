using System.Security.Claims;
using LifeOS.Storage;

namespace LifeOS.Identity;

/// <summary>Who is calling: the user whose data is touched, what the token may do and, for a device token, the one
/// device (and the event types) it speaks for.</summary>
public sealed record Caller(string UserId, TokenKind Kind, string? Device, IReadOnlyList<string> Scopes, IReadOnlySet<string>? EventTypes, string? SessionId)
{
    public const string UserIdClaim = "sub";
    public const string KindClaim = "lifeos:token_kind";
    public const string DeviceClaim = "lifeos:device";
    public const string ScopeClaim = "scope";
    public const string EventTypesClaim = "lifeos:event_types";
    public const string SessionClaim = "sid";

    /// <summary>The stored hash of the opaque token the caller authenticated with, so a long-lived connection can re-check it.</summary>
    public const string TokenHashClaim = "lifeos:token_hash";

    /// <summary>Identifies the credential (a grant id, or the session of an access token) for per-token rate limits.</summary>
    public const string CredentialClaim = "lifeos:credential";

    /// <summary>Reads the caller from an authenticated principal; the authentication handler guarantees the claims.</summary>
    public static Caller From(ClaimsPrincipal principal)
    {
        var types = principal.FindFirstValue(EventTypesClaim);
        return new Caller(
            principal.FindFirstValue(UserIdClaim) ?? throw new InvalidOperationException("unauthenticated principal"),
            Enum.Parse<TokenKind>(principal.FindFirstValue(KindClaim) ?? nameof(TokenKind.User)),
            principal.FindFirstValue(DeviceClaim),
            LifeOS.Identity.Scopes.Parse(principal.FindFirstValue(ScopeClaim)),
            types is null ? null : new HashSet<string>(types.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal),
            principal.FindFirstValue(SessionClaim));
    }

    public bool Has(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);

    /// <summary>Null when this caller may send events for <paramref name="device"/>, otherwise why not.</summary>
    public string? CannotSendFor(string device) =>
        Kind == TokenKind.Device && !string.Equals(device, Device, StringComparison.Ordinal)
            ? $"this device token may only send events for device '{Device}'"
            : null;

    /// <summary>Null when this caller may send events of <paramref name="type"/>, otherwise why not (a watch may send
    /// heart rate, not email).</summary>
    public string? CannotSendType(string type) =>
        EventTypes is not null && !EventTypes.Contains(type)
            ? $"this device token may not send '{(type.Length > 64 ? type[..64] : type)}' events"
            : null;
}
