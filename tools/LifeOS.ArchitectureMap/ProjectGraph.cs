using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace LifeOS.ArchitectureMap;

/// <summary>The production projects (libraries and hosts, not tools or tests), each with its folder, what it says it
/// is, and the projects it references.</summary>
public sealed partial class ProjectGraph
{
    // Where production projects live, and what kind each folder holds.
    private static readonly (string Folder, string Kind)[] Places =
    [
        ("libs", "library"), ("services", "service"), ("workers", "worker"), ("LifeOS.ServiceDefaults", "library"), ("LifeOS.AppHost", "apphost"),
    ];

    private ProjectGraph(IReadOnlyList<ProjectNode> projects) => Projects = projects;

    public IReadOnlyList<ProjectNode> Projects { get; }

    /// <summary>Reads every production project under <paramref name="root"/> (the repository root).</summary>
    public static ProjectGraph Read(string root)
    {
        var files = Places
            .SelectMany(place => Directory.Exists(Path.Combine(root, place.Folder))
                ? Directory.GetFiles(Path.Combine(root, place.Folder), "*.csproj", SearchOption.AllDirectories).Select(f => (File: f, place.Kind))
                : [])
            .Where(p => !p.File.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.File.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var byPath = files.ToDictionary(f => Path.GetFullPath(f.File), f => Name(f.File), StringComparer.Ordinal);
        var projects = files.Select(f =>
        {
            var document = XDocument.Load(f.File, LoadOptions.None);
            var references = document.Descendants("ProjectReference")
                .Select(r => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(f.File)!, r.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar))))
                .Where(byPath.ContainsKey)
                .Select(path => byPath[path])
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            var comment = document.Root!.Nodes().OfType<XComment>().FirstOrDefault()?.Value ?? "";
            return new ProjectNode(Name(f.File), f.Kind, Path.GetRelativePath(root, Path.GetDirectoryName(f.File)!).Replace('\\', '/'),
                Whitespace().Replace(comment, " ").Trim(), references);
        }).OrderBy(p => p.Kind switch { "library" => 0, "service" => 1, "worker" => 2, _ => 3 }).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        return new ProjectGraph(projects);
    }

    private static string Name(string file) => Path.GetFileNameWithoutExtension(file);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>One project: its name, kind (library, service, worker, apphost), folder, own description and direct references.</summary>
public sealed record ProjectNode(string Name, string Kind, string Folder, string Description, IReadOnlyList<string> References);
