using System.Reflection;
using System.Text.RegularExpressions;
using LifeOS.ServiceDefaults;

namespace LifeOS.Deployment.Tests.Manifest;

/// <summary>
/// What a project reads at start-up, found in its source: which backend registrations of
/// <c>libs/LifeOS.Hosting.Distributed/DistributedBackends.cs</c> it calls (each mapped to the settings that method reads,
/// found in that file too), and any direct <c>RequiredConnectionString.Get(..., ResourceNames.X, ...)</c>.
/// </summary>
/// <remarks>Derived from the code rather than listed here, so a new backend or a new host is covered without editing this test.</remarks>
public static partial class StartupSettings
{
    private const string BackendsFile = "libs/LifeOS.Hosting.Distributed/DistributedBackends.cs";

    [GeneratedRegex(@"public static TBuilder (?<method>Add\w+)<TBuilder>(?<body>.*?)(?=public static|private static|\z)", RegexOptions.Singleline)]
    private static partial Regex BackendMethod();

    [GeneratedRegex(@"Required\(builder, ResourceNames\.(?<name>\w+)\)")]
    private static partial Regex RequiredInBackend();

    [GeneratedRegex(@"Configuration\[(?<constant>\w+)\]")]
    private static partial Regex ConfigurationRead();

    [GeneratedRegex(@"const string (?<constant>\w+) = ""(?<key>[^""]+)""")]
    private static partial Regex Constant();

    [GeneratedRegex(@"RequiredConnectionString\.Get\([^,]+,\s*ResourceNames\.(?<name>\w+)")]
    private static partial Regex RequiredDirectly();

    /// <summary>The environment variables (Aspire spelling) each backend registration method reads.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> BackendRegistrations()
    {
        var source = File.ReadAllText(Path.Combine(HostBuilds.RepositoryRoot(), BackendsFile));
        var constants = Constant().Matches(source).ToDictionary(m => m.Groups["constant"].Value, m => m.Groups["key"].Value);
        var registrations = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (Match method in BackendMethod().Matches(source))
        {
            var body = method.Groups["body"].Value;
            List<string> settings =
            [
                .. RequiredInBackend().Matches(body).Select(m => ConnectionString(m.Groups["name"].Value)),
                .. ConfigurationRead().Matches(body).Select(m => EnvironmentName(constants[m.Groups["constant"].Value])),
            ];
            registrations[method.Groups["method"].Value] = settings;
        }

        return registrations;
    }

    /// <summary>The settings the project in <paramref name="projectDirectory"/> (relative to the repository root) reads at start-up.</summary>
    public static IReadOnlySet<string> ReadBy(string projectDirectory)
    {
        var root = Path.Combine(HostBuilds.RepositoryRoot(), projectDirectory);
        var code = string.Join('\n', Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var settings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (method, reads) in BackendRegistrations())
        {
            if (code.Contains($".{method}(", StringComparison.Ordinal))
                settings.UnionWith(reads);
        }

        settings.UnionWith(RequiredDirectly().Matches(code).Select(m => ConnectionString(m.Groups["name"].Value)));
        return settings;
    }

    /// <summary><c>ResourceNames.Kafka</c> → <c>ConnectionStrings__kafka</c>.</summary>
    public static string ConnectionString(string resourceNamesConstant) =>
        "ConnectionStrings__" + ResourceName(resourceNamesConstant);

    /// <summary>The value of a <see cref="ResourceNames"/> constant, by its C# name.</summary>
    public static string ResourceName(string constant) =>
        typeof(ResourceNames).GetField(constant, BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
            ?? throw new InvalidOperationException($"ResourceNames has no constant {constant}");

    private static string EnvironmentName(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);
}
