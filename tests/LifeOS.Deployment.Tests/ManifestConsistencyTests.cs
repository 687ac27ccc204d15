using System.Text.Json.Nodes;
using LifeOS.Deployment.Tests.Manifest;

namespace LifeOS.Deployment.Tests;

/// <summary>aspire-manifest.json cannot be regenerated here (no Aspire packages), so these rules keep it honest.</summary>
public sealed class ManifestConsistencyTests
{
    private static readonly AspireManifest Manifest = AspireManifest.Load();

    [Fact]
    public void Every_project_path_exists()
    {
        Assert.Empty(ManifestChecks.ProjectPathsExist(Manifest));
        Assert.NotEmpty(Manifest.Projects);
    }

    [Fact]
    public void The_manifest_holds_exactly_the_resources_the_AppHost_declares()
    {
        var declared = AppHostSource.DeclaredResources();

        Assert.Empty(ManifestChecks.SameResourcesAsTheAppHost(Manifest, declared, AppHostSource.DeclaredProjects()));
        // The reading of the AppHost source found the whole stack, not a fragment of it.
        Assert.Superset(new HashSet<string> { "kafka", "timescale-server", "timescale", "redis", "qdrant", "gateway", "migrator", "ingestion", "api" }, declared.ToHashSet());
    }

    [Fact]
    public void Every_setting_a_project_reads_at_start_up_is_in_its_manifest_environment()
    {
        Assert.Empty(ManifestChecks.StartupSettingsProvided(Manifest, StartupSettings.ReadBy));
        // The source scan sees what the split services read, so an empty answer above means something.
        Assert.Superset(new HashSet<string> { "ConnectionStrings__kafka", "ConnectionStrings__timescale", "ConnectionStrings__redis", "LifeOS__Blobs__Path" },
            StartupSettings.ReadBy("services/LifeOS.Ingestion").ToHashSet());
        Assert.Contains("ConnectionStrings__timescale", StartupSettings.ReadBy("services/LifeOS.Migrator"));
    }

    [Fact]
    public void Every_placeholder_refers_to_a_resource_and_property_that_exist()
    {
        Assert.Empty(ManifestChecks.ReferencesResolve(Manifest));
    }

    [Fact]
    public void Kong_is_the_only_external_endpoint()
    {
        var external = Manifest.Resources.Values.SelectMany(r => r.Bindings.Where(b => b.Value.External).Select(b => $"{r.Name}.{b.Key}"));

        Assert.Equal(["gateway.proxy"], external);
    }

    [Fact]
    public void Secrets_are_secret_parameters()
    {
        foreach (var name in new[] { "timescale-password", "redis-password", "qdrant-key", "bootstrap-token", "jwt-signing-key", "chat", "embeddings" })
        {
            var input = Manifest.Resources[name].Raw.GetProperty("inputs").GetProperty("value");
            Assert.True(input.GetProperty("secret").GetBoolean(), $"{name} is not secret");
        }

        Assert.True(Manifest.Resources["qdrant-key"].Raw.GetProperty("inputs").GetProperty("value").GetProperty("default").TryGetProperty("generate", out _),
            "the Qdrant API key is generated");
    }

    [Fact]
    public void A_connection_string_removed_from_a_project_is_caught()
    {
        var broken = Mutate(resources => resources["ingestion"]!["env"]!.AsObject().Remove("ConnectionStrings__redis"));

        Assert.Contains("ingestion: reads ConnectionStrings__redis at start-up, the manifest does not provide it",
            ManifestChecks.StartupSettingsProvided(broken, StartupSettings.ReadBy));
    }

    [Fact]
    public void A_project_removed_from_the_manifest_or_pointing_nowhere_is_caught()
    {
        var removed = Mutate(resources => resources.Remove("worker-audio"));
        var moved = Mutate(resources => resources["worker-vision"]!["path"] = "workers/Nowhere/Nowhere.csproj");

        Assert.Contains("worker-audio: declared by the AppHost, missing from the manifest",
            ManifestChecks.SameResourcesAsTheAppHost(removed, AppHostSource.DeclaredResources(), AppHostSource.DeclaredProjects()));
        Assert.Contains("worker-vision: project path 'workers/Nowhere/Nowhere.csproj' does not exist", ManifestChecks.ProjectPathsExist(moved));
    }

    [Fact]
    public void A_reference_to_a_missing_resource_or_binding_is_caught()
    {
        var broken = Mutate(resources =>
        {
            resources["api"]!["env"]!["ConnectionStrings__kafka"] = "{kafka-typo.connectionString}";
            resources["api"]!["env"]!["HTTP_PORTS"] = "{api.bindings.https.targetPort}";
        });

        var problems = ManifestChecks.ReferencesResolve(broken);

        Assert.Contains(problems, p => p.StartsWith("api env ConnectionStrings__kafka: refers to kafka-typo", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("api env HTTP_PORTS: {api.bindings.https.targetPort}: no binding 'https'", StringComparison.Ordinal));
    }

    private static AspireManifest Mutate(Action<JsonObject> change)
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(HostBuilds.RepositoryRoot(), AspireManifest.FileName)))!;
        change(document["resources"]!.AsObject());
        return AspireManifest.Parse(document.ToJsonString());
    }
}
