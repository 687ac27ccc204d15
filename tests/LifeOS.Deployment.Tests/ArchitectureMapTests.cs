using LifeOS.ArchitectureMap;

namespace LifeOS.Deployment.Tests;

/// <summary>docs/architecture.md's project table and graphs are what the project files say, so the map cannot go stale.</summary>
public sealed class ArchitectureMapTests
{
    [Fact]
    public void The_architecture_map_matches_the_project_files()
    {
        var root = HostBuilds.RepositoryRoot();
        var document = File.ReadAllText(Path.Combine(root, "docs", "architecture.md"));
        var expected = MapDocument.Replace(document, MapDocument.Render(ProjectGraph.Read(root)));
        Assert.True(expected == document, "docs/architecture.md is out of date: run dotnet run --project tools/LifeOS.ArchitectureMap");
    }

    [Fact]
    public void Every_production_project_is_on_the_map_with_its_references()
    {
        var graph = ProjectGraph.Read(HostBuilds.RepositoryRoot());
        Assert.Contains(graph.Projects, p => p is { Name: "LifeOS.Server", Kind: "service" } && p.References.Contains("LifeOS.Query"));
        Assert.Contains(graph.Projects, p => p is { Name: "LifeOS.Contracts", Kind: "library", References.Count: 0 });
        Assert.All(graph.Projects, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{p.Name}.csproj opens with no comment saying what it is"));
        var names = graph.Projects.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(graph.Projects.SelectMany(p => p.References), r => Assert.Contains(r, names));
    }
}
