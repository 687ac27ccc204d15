using System.Security.Claims;
using System.Text.Encodings.Web;
using LifeOS.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LifeOS.Identity;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the hashed tokens in the account store.</summary>
/// <remarks>
/// Browsers cannot set headers on a WebSocket handshake, so WebSocket requests may carry the token as
/// <c>access_token</c> in the query string instead; no other request may.
/// </remarks>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IAccountStore accounts,
    IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken();
        if (token is null)
            return AuthenticateResult.NoResult();

        var hash = Tokens.Hash(token);
        // A short cache keeps token checks off the hot ingest path; revocation (a later issue) must evict it.
        var grant = await cache.GetOrCreateAsync("token:" + hash, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return accounts.FindTokenAsync(hash, Context.RequestAborted);
        }).ConfigureAwait(false);

        if (grant is null || grant.Revoked is not null)
            return AuthenticateResult.Fail("unknown or revoked token");

        var claims = new List<Claim>
        {
            new(Caller.UserIdClaim, grant.UserId),
            new(Caller.KindClaim, grant.Kind.ToString()),
        };
        if (grant.Device is not null)
            claims.Add(new Claim(Caller.DeviceClaim, grant.Device));

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, Caller.UserIdClaim, null));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required",
            "Send a valid token as 'Authorization: Bearer <token>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This token may not call this endpoint.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Response.WriteAsJsonAsync(
            new { type = "about:blank", title, status, detail }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    private string? ReadToken()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim() is { Length: > 0 } token ? token : null;

        if (Context.WebSockets.IsWebSocketRequest && Request.Query.TryGetValue("access_token", out var query))
            return query.ToString() is { Length: > 0 } token ? token : null;

        return null;
    }
}
