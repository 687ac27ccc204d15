using System.Text.RegularExpressions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace LifeOS.Deployment.Tests.Kong;

/// <summary>deploy/kong/kong.yaml, read with the parts of Kong's declarative format the gateway uses.</summary>
public sealed class KongConfig
{
    public const string RelativePath = "deploy/kong/kong.yaml";

    [YamlMember(Alias = "_format_version", ApplyNamingConventions = false)]
    public string? FormatVersion { get; set; }

    public List<KongService> Services { get; set; } = [];

    public List<KongPlugin> Plugins { get; set; } = [];

    public static string FullPath => Path.Combine(HostBuilds.RepositoryRoot(), RelativePath);

    public static KongConfig Load() => Parse(File.ReadAllText(FullPath));

    public static KongConfig Parse(string yaml) =>
        new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<KongConfig>(yaml);

    public IEnumerable<(KongService Service, KongRoute Route)> Routes => Services.SelectMany(s => s.Routes.Select(r => (s, r)));

    /// <summary>The routes that would take <paramref name="method"/> <paramref name="path"/>.</summary>
    public IEnumerable<(KongService Service, KongRoute Route)> Matching(string method, string path) =>
        Routes.Where(x => x.Route.Matches(method, path));
}

public sealed class KongService
{
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public int? ReadTimeout { get; set; }
    public List<KongRoute> Routes { get; set; } = [];
    public List<KongPlugin> Plugins { get; set; } = [];
}

public sealed class KongRoute
{
    public string Name { get; set; } = "";
    public List<string> Methods { get; set; } = [];
    public List<string> Paths { get; set; } = [];
    public bool StripPath { get; set; } = true;
    public List<KongPlugin> Plugins { get; set; } = [];

    /// <summary>Kong's path rules: <c>~regex</c> matched from the start of the path, anything else as a prefix; methods when given.</summary>
    public bool Matches(string method, string path) =>
        (Methods.Count == 0 || Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
        && Paths.Any(p => p.StartsWith('~')
            ? Regex.IsMatch(path, "^(?:" + p[1..] + ")", RegexOptions.None, TimeSpan.FromSeconds(1))
            : path.StartsWith(p, StringComparison.Ordinal));
}

public sealed class KongPlugin
{
    public string Name { get; set; } = "";
    public Dictionary<string, object> Config { get; set; } = [];
}
