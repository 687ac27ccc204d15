using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace LifeOS.Deployment.Tests.Manifest;

/// <summary>What LifeOS.AppHost declares, read from its source (it cannot be built or run here: no Aspire packages).</summary>
public static partial class AppHostSource
{
    private const string Directory = "LifeOS.AppHost";

    // builder.AddKafka(ResourceNames.Kafka), .AddDatabase(ResourceNames.Timescale, ...), LifeOSHost<...>(ResourceNames.Api, ...),
    // builder.AddParameter("literal", ...): every call whose first argument names a resource.
    [GeneratedRegex(@"(?:\.Add\w+|LifeOSHost)(?:<[^>]+>)?\(\s*(?:ResourceNames\.(?<constant>\w+)|""(?<literal>[^""]+)"")")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"(?:AddProject|LifeOSHost)<Projects\.(?<project>\w+)>\(\s*ResourceNames\.(?<constant>\w+)")]
    private static partial Regex ProjectDeclaration();

    public static string Code => File.ReadAllText(Path.Combine(HostBuilds.RepositoryRoot(), Directory, "AppHost.cs"));

    /// <summary>Every resource name the AppHost declares.</summary>
    public static IReadOnlySet<string> DeclaredResources() =>
        Declaration().Matches(Code)
            .Select(m => m.Groups["constant"].Success ? StartupSettings.ResourceName(m.Groups["constant"].Value) : m.Groups["literal"].Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Project resources: name → project file (relative to the repository root, '/' separated).</summary>
    public static IReadOnlyDictionary<string, string> DeclaredProjects()
    {
        // Aspire's generated Projects.X class is the project file name with '.' turned into '_'.
        var csproj = XDocument.Load(Path.Combine(HostBuilds.RepositoryRoot(), Directory, "LifeOS.AppHost.csproj"));
        var files = csproj.Descendants("ProjectReference")
            .Where(r => (string?)r.Attribute("IsAspireProjectResource") != "false")
            .Select(r => Path.GetRelativePath(HostBuilds.RepositoryRoot(),
                Path.GetFullPath(Path.Combine(HostBuilds.RepositoryRoot(), Directory, ((string)r.Attribute("Include")!).Replace('\\', '/'))))
                .Replace('\\', '/'))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f).Replace('.', '_'), StringComparer.Ordinal);

        return ProjectDeclaration().Matches(Code).ToDictionary(
            m => StartupSettings.ResourceName(m.Groups["constant"].Value),
            m => files.TryGetValue(m.Groups["project"].Value, out var file)
                ? file
                : throw new InvalidOperationException($"AppHost.cs uses Projects.{m.Groups["project"].Value}, which no ProjectReference provides"),
            StringComparer.Ordinal);
    }
}
