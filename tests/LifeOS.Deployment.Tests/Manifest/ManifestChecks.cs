namespace LifeOS.Deployment.Tests.Manifest;

/// <summary>The consistency rules between aspire-manifest.json, the AppHost source and the projects' start-up code.</summary>
/// <remarks>Each rule returns its problems instead of asserting, so the tests can also show that a broken manifest is caught.</remarks>
public static class ManifestChecks
{
    private static readonly HashSet<string> KnownTypes = ["container.v0", "project.v0", "parameter.v0", "value.v0"];

    public static List<string> ProjectPathsExist(AspireManifest manifest) =>
    [
        .. manifest.Projects
            .Where(p => p.Path is null || !File.Exists(Path.Combine(HostBuilds.RepositoryRoot(), p.Path)))
            .Select(p => $"{p.Name}: project path '{p.Path}' does not exist"),
    ];

    public static List<string> SameResourcesAsTheAppHost(AspireManifest manifest, IReadOnlySet<string> declared, IReadOnlyDictionary<string, string> declaredProjects)
    {
        List<string> problems =
        [
            .. declared.Where(name => !manifest.Resources.ContainsKey(name)).Select(name => $"{name}: declared by the AppHost, missing from the manifest"),
            .. manifest.Resources.Keys.Where(name => !declared.Contains(name)).Select(name => $"{name}: in the manifest, not declared by the AppHost"),
            .. manifest.Resources.Values.Where(r => !KnownTypes.Contains(r.Type)).Select(r => $"{r.Name}: unexpected resource type {r.Type}"),
        ];
        foreach (var (name, path) in declaredProjects)
        {
            if (!manifest.Resources.TryGetValue(name, out var resource))
                continue;
            if (resource.Type != "project.v0")
                problems.Add($"{name}: a project in the AppHost, a {resource.Type} in the manifest");
            else if (!string.Equals(resource.Path, path, StringComparison.Ordinal))
                problems.Add($"{name}: the AppHost runs {path}, the manifest says {resource.Path}");
        }

        problems.AddRange(manifest.Projects.Where(p => !declaredProjects.ContainsKey(p.Name)).Select(p => $"{p.Name}: a project the AppHost does not run"));
        return problems;
    }

    /// <summary>Every setting a project reads at start-up is in its manifest environment.</summary>
    public static List<string> StartupSettingsProvided(AspireManifest manifest, Func<string, IReadOnlySet<string>> readBy)
    {
        var problems = new List<string>();
        foreach (var project in manifest.Projects)
        {
            var directory = Path.GetDirectoryName(project.Path!)!;
            foreach (var setting in readBy(directory).Where(s => !project.Env.ContainsKey(s)).Order(StringComparer.Ordinal))
                problems.Add($"{project.Name}: reads {setting} at start-up, the manifest does not provide it");
        }

        return problems;
    }

    /// <summary>Every placeholder names a resource that exists and a property it has; connection strings keep their resource's name.</summary>
    public static List<string> ReferencesResolve(AspireManifest manifest)
    {
        var problems = new List<string>();
        foreach (var resource in manifest.Resources.Values)
        {
            var values = resource.Env.Select(e => (Where: $"env {e.Key}", e.Value));
            if (resource.ConnectionString is { } connection)
                values = values.Append(("connectionString", connection));

            foreach (var (where, value) in values)
            {
                foreach (var (target, property) in ManifestExpressions.References(value))
                {
                    if (!manifest.Resources.TryGetValue(target, out var referenced))
                        problems.Add($"{resource.Name} {where}: refers to {target}, which is not in the manifest");
                    else if (Problem(referenced, property) is { } problem)
                        problems.Add($"{resource.Name} {where}: {{{target}.{property}}}: {problem}");
                }
            }

            foreach (var (key, value) in resource.Env.Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
            {
                var name = key["ConnectionStrings__".Length..];
                if (value.StartsWith('{') && value.EndsWith(".connectionString}", StringComparison.Ordinal) && value[1..^".connectionString}".Length] != name)
                    problems.Add($"{resource.Name} env {key}: holds {value}; a connection string keeps its resource's name");
            }
        }

        return problems;
    }

    private static string? Problem(ManifestResource referenced, string property)
    {
        var parts = property.Split('.');
        return parts[0] switch
        {
            "connectionString" when referenced.ConnectionString is null => "the resource has no connection string",
            "connectionString" => null,
            "value" when referenced.Type != "parameter.v0" => "only parameters have a value",
            "value" => null,
            "inputs" when referenced.Type == "parameter.v0" => null,
            "bindings" when parts.Length == 3 && referenced.Bindings.ContainsKey(parts[1])
                && parts[2] is "host" or "port" or "targetPort" or "url" or "scheme" => null,
            "bindings" => $"no binding '{(parts.Length > 1 ? parts[1] : "")}' with property '{(parts.Length > 2 ? parts[2] : "")}'",
            _ => "unknown property",
        };
    }
}
