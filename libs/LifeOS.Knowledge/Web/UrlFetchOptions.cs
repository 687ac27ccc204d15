namespace LifeOS.Knowledge.Web;

/// <summary>What the URL step may fetch, under <c>LifeOS:Knowledge:UrlFetch</c>. Any account can submit a link, so by
/// default only public addresses on the web's ports are fetched; a home network names its own hosts here.</summary>
public sealed class UrlFetchOptions
{
    public const string Section = "LifeOS:Knowledge:UrlFetch";

    /// <summary>Host names (or address literals) that may resolve to a loopback, private or link-local address, for
    /// documents on the operator's own network. Matched case-insensitively against the URL's host, redirects included.</summary>
    public string[] AllowedPrivateHosts { get; set; } = [];

    /// <summary>Ports a URL may name; null means 80 and 443. A list rather than a default so that binding a setting
    /// replaces the defaults instead of adding to them.</summary>
    public int[]? AllowedPorts { get; set; }

    /// <summary>The largest document fetched; a bigger one fails the item.</summary>
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The whole fetch, connect to last byte.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    public int MaxRedirects { get; set; } = 5;

    internal IReadOnlyCollection<int> Ports => AllowedPorts is { Length: > 0 } ports ? ports : [80, 443];

    internal bool IsAllowedPrivateHost(string host) =>
        AllowedPrivateHosts.Any(allowed => string.Equals(allowed.Trim().Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));
}
