using LifeOS.ArchitectureMap;

// dotnet run --project tools/LifeOS.ArchitectureMap [-- --check] [--root <repo>]
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("""
        Regenerates the project table and dependency graphs in docs/architecture.md from the .csproj files.

          dotnet run --project tools/LifeOS.ArchitectureMap            rewrite the generated section
          dotnet run --project tools/LifeOS.ArchitectureMap -- --check  exit 1 if the document is out of date
          --root <path>                                                 the repository root (default: found from here)
        """);
    return 0;
}

var rootIndex = Array.IndexOf(args, "--root");
var root = rootIndex >= 0 && rootIndex + 1 < args.Length ? Path.GetFullPath(args[rootIndex + 1]) : FindRoot(Directory.GetCurrentDirectory());
if (root is null)
{
    Console.Error.WriteLine("error: no LifeOS.sln above the current directory; pass --root <repository>");
    return 2;
}

var path = Path.Combine(root, "docs", "architecture.md");
var current = File.ReadAllText(path);
var graph = ProjectGraph.Read(root);
var updated = MapDocument.Replace(current, MapDocument.Render(graph));
if (args.Contains("--check"))
{
    if (updated == current)
        return 0;
    Console.Error.WriteLine("docs/architecture.md is out of date: run dotnet run --project tools/LifeOS.ArchitectureMap");
    return 1;
}

File.WriteAllText(path, updated);
Console.WriteLine($"docs/architecture.md: {graph.Projects.Count} projects");
return 0;

static string? FindRoot(string from)
{
    for (var directory = new DirectoryInfo(from); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "LifeOS.sln")))
            return directory.FullName;
    }

    return null;
}
