namespace LifeOS.Identity.Limits;

/// <summary>Request limits under <c>LifeOS:Limits</c> (CORS under <c>LifeOS:Cors</c>).</summary>
public sealed class LimitsOptions
{
    public const string Section = "LifeOS:Limits";

    /// <summary>Requests one credential (token or session) may make per <see cref="Window"/>; callers without a valid
    /// credential share a budget per client address.</summary>
    public int RequestsPerWindow { get; set; } = 10_000;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Login, registration and refresh attempts per client address per <see cref="AuthWindow"/> (password guessing).</summary>
    public int AuthRequestsPerWindow { get; set; } = 20;

    public TimeSpan AuthWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed logins on one account per <see cref="AccountLoginWindow"/>, from anywhere, after which the account's
    /// password login is locked for the rest of the window for every address that failed (an address that has not failed
    /// may still log in with the right password).</summary>
    public int LoginsPerAccountPerWindow { get; set; } = 10;

    public TimeSpan AccountLoginWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Shares one account may create per <see cref="ShareWindow"/>: a share names another account's login, so
    /// creating many is how logins would be probed.</summary>
    public int SharesPerWindow { get; set; } = 30;

    public TimeSpan ShareWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Body size of routes that name no limit of their own (account, query and management routes).</summary>
    public long DefaultMaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>WebSocket messages one credential may send per <see cref="Window"/> over all its streams.</summary>
    public int StreamMessagesPerWindow { get; set; } = 20_000;

    /// <summary>WebSocket streams one credential may hold open at once.</summary>
    public int MaxStreamsPerCredential { get; set; } = 16;
}

/// <summary>The CORS allow-list under <c>LifeOS:Cors</c>; empty means no cross-origin browser access at all.</summary>
public sealed class CorsOptions
{
    public const string Section = "LifeOS:Cors";

    public string[] AllowedOrigins { get; set; } = [];
}
