using System.Security.Claims;
using System.Text.Encodings.Web;
using LifeOS.Identity.Jwt;
using LifeOS.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LifeOS.Identity;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c>: a JWT access token (signature, claims and its
/// session checked), or an opaque personal access / device token checked against its stored hash.</summary>
/// <remarks>
/// Browsers cannot set headers on a WebSocket handshake, so WebSocket requests may carry the token as
/// <c>access_token</c> in the query string instead; no other request may.
/// </remarks>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CredentialCache credentials,
    AccessTokens accessTokens,
    IAccountStore accounts,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken();
        if (token is null)
            return AuthenticateResult.NoResult();

        // Opaque tokens are base64url and have no dots; a configured bootstrap token might, so the JWT path is taken only
        // for what parses as a JWT.
        return AccessTokens.IsJwt(token)
            ? await AuthenticateJwtAsync(token).ConfigureAwait(false)
            : await AuthenticateOpaqueAsync(token).ConfigureAwait(false);
    }

    private async Task<AuthenticateResult> AuthenticateJwtAsync(string token)
    {
        string? why = null;
        var valid = await accessTokens.ValidateAsync(token, reason => why = reason).ConfigureAwait(false);
        if (valid is not { } claims)
        {
            Logger.LogDebug("Refused an access token: {Reason}", why);
            return AuthenticateResult.Fail("invalid access token");
        }

        // Logging out (or a password change) ends the session, and with it every access token issued for it; the session
        // must also be the subject's own.
        if (!await credentials.IsSessionActiveAsync(claims.SessionId, claims.UserId, Context.RequestAborted).ConfigureAwait(false))
            return AuthenticateResult.Fail("the session of this access token has ended");

        var identity = AccessTokens.Identity(claims.UserId, claims.SessionId, claims.Scope, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task<AuthenticateResult> AuthenticateOpaqueAsync(string token)
    {
        var hash = Tokens.Hash(token);
        var grant = await credentials.FindGrantAsync(hash, Context.RequestAborted).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (grant is null || !grant.IsActive(now))
            return AuthenticateResult.Fail("unknown, expired or revoked token");

        if (credentials.ShouldTouch(hash))
            await accounts.TouchTokenAsync(hash, now, Context.RequestAborted).ConfigureAwait(false);

        var claims = new List<Claim>
        {
            new(Caller.UserIdClaim, grant.UserId),
            new(Caller.KindClaim, grant.Kind.ToString()),
            // A device token can ingest and nothing else, whatever its stored scope says.
            new(Caller.ScopeClaim, grant.Kind == TokenKind.Device ? Scopes.Ingest : Scopes.Format(Scopes.Parse(grant.Scope))),
            new(Caller.CredentialClaim, "token:" + grant.Id),
            new(Caller.TokenHashClaim, hash),
        };
        if (grant.Device is not null)
            claims.Add(new Claim(Caller.DeviceClaim, grant.Device));
        if (grant.EventTypes is not null)
            claims.Add(new Claim(Caller.EventTypesClaim, grant.EventTypes));

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
            return header["Bearer ".Length..].Trim() is { Length: > 0 and <= 4096 } token ? token : null;

        if (Context.WebSockets.IsWebSocketRequest && Request.Query.TryGetValue("access_token", out var query))
            return query.ToString() is { Length: > 0 and <= 4096 } token ? token : null;

        return null;
    }
}
