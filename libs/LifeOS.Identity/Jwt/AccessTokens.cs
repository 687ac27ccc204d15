using System.Security.Claims;
using LifeOS.Storage;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LifeOS.Identity.Jwt;

/// <summary>Issues and checks short-lived JWT access tokens, following RFC 8725: one algorithm (HS256), a typed header
/// (<c>at+jwt</c>, RFC 9068), issuer, audience, expiry and not-before all required and checked.</summary>
public sealed class AccessTokens(SigningKeys keys, IOptions<IdentityOptions> options, TimeProvider clock)
{
    /// <summary>The <c>typ</c> header of access tokens; anything else (a refresh token, an ID token) is refused.</summary>
    public const string TokenType = "at+jwt";

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false, SetDefaultTimesOnTokenCreation = false };

    public bool Enabled => keys.Key is not null;

    /// <summary>True when the text has a JWT's shape (three base64url parts, a JSON header); says nothing of its validity.</summary>
    public static bool IsJwt(string token)
    {
        if (token.Count(c => c == '.') != 2)
            return false;
        try
        {
            // Parses the header and payload as JSON; a dotted opaque token fails here.
            _ = new JsonWebToken(token);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return false;
        }
    }

    public TimeSpan Lifetime => options.Value.Jwt.AccessTokenLifetime;

    /// <summary>A signed access token for one session of a user, with every scope.</summary>
    public string Issue(string userId, string sessionId)
    {
        var key = keys.Key ?? throw new InvalidOperationException("no JWT signing key is configured");
        var jwt = options.Value.Jwt;
        var now = clock.GetUtcNow();
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(jwt.AccessTokenLifetime).UtcDateTime,
            TokenType = TokenType,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [Caller.UserIdClaim] = userId,
                [Caller.SessionClaim] = sessionId,
                [Caller.ScopeClaim] = Scopes.Format(Scopes.All),
                ["jti"] = Tokens.RandomId(),
            },
        });
    }

    /// <summary>The user and session of a valid token, or null with why it was refused.</summary>
    public async Task<(string UserId, string SessionId, string Scope)?> ValidateAsync(string token, Action<string> refused)
    {
        var key = keys.Key;
        if (key is null)
        {
            refused("access tokens are not enabled on this server");
            return null;
        }

        var jwt = options.Value.Jwt;
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = [TokenType],
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = jwt.ClockSkew,
            LifetimeValidator = (notBefore, expires, _, parameters) => IsWithinLifetime(notBefore, expires, parameters.ClockSkew),
            TryAllIssuerSigningKeys = false,
        }).ConfigureAwait(false);

        if (!result.IsValid)
        {
            refused(result.Exception?.GetType().Name ?? "invalid token");
            return null;
        }

        var claims = result.ClaimsIdentity;
        var user = claims.FindFirst(Caller.UserIdClaim)?.Value;
        var session = claims.FindFirst(Caller.SessionClaim)?.Value;
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(session))
        {
            refused("the token names no subject or session");
            return null;
        }

        return (user, session, claims.FindFirst(Caller.ScopeClaim)?.Value ?? "");
    }

    // RFC 8725 leaves nbf optional; these tokens always carry it, so one without it was not made here.
    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return notBefore is { } nbf && expires is { } exp && nbf <= now.Add(skew) && exp > now.Subtract(skew) && nbf < exp;
    }

    internal static ClaimsIdentity Identity(string userId, string sessionId, string scope, string scheme) => new(
    [
        new Claim(Caller.UserIdClaim, userId),
        new Claim(Caller.KindClaim, nameof(TokenKind.User)),
        new Claim(Caller.ScopeClaim, scope),
        new Claim(Caller.SessionClaim, sessionId),
        new Claim(Caller.CredentialClaim, "session:" + sessionId),
    ], scheme, Caller.UserIdClaim, null);
}
