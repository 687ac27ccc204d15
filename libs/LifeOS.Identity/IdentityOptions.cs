namespace LifeOS.Identity;

/// <summary>Settings under <c>LifeOS:Auth</c>.</summary>
public sealed class IdentityOptions
{
    public const string Section = "LifeOS:Auth";
    public const int MinimumBootstrapTokenLength = 16;

    /// <summary>When set, an owner account holding this bearer token (a personal access token with every scope) is
    /// ensured at start-up (automation, first start).</summary>
    public string? BootstrapToken { get; set; }

    /// <summary>Whether anyone may create an account with <c>POST /v1/auth/register</c>; when false only a caller with the
    /// <c>manage</c> scope of an existing account may.</summary>
    public bool OpenRegistration { get; set; } = true;

    public int MinimumPasswordLength { get; set; } = 10;

    /// <summary>Access and refresh token settings (<c>LifeOS:Auth:Jwt</c>).</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>Where the embedded server keeps generated keys (the JWT signing key when none is configured, the Data
    /// Protection key ring). Defaults to <c>{LifeOS:DataDir}/keys</c>; the split services have no default.</summary>
    public string? KeyDirectory { get; set; }
}

/// <summary>JWT access tokens (RFC 8725 profile) and refresh tokens.</summary>
public sealed class JwtOptions
{
    /// <summary>The HMAC-SHA256 key, base64 (at least 32 bytes). Under Aspire a secret parameter; required by the split
    /// services for logins. When absent the embedded server generates one under the key directory.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "lifeos";

    public string Audience { get; set; } = "lifeos-api";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Tolerated clock difference between the hosts that issue and check tokens.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
