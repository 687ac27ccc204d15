using System.Text.Json;

namespace LifeOS.Deployment.Tests.Manifest;

/// <summary>One resource of aspire-manifest.json.</summary>
public sealed record ManifestResource(
    string Name,
    string Type,
    string? Path,
    string? Image,
    string? ConnectionString,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyDictionary<string, ManifestBinding> Bindings,
    IReadOnlyList<(string Source, string Target, bool ReadOnly)> BindMounts,
    JsonElement Raw);

/// <summary>A named endpoint of a resource.</summary>
public sealed record ManifestBinding(string Scheme, string Transport, int? Port, int? TargetPort, bool External);

/// <summary>aspire-manifest.json at the repository root, read into resources.</summary>
public sealed class AspireManifest
{
    public const string FileName = "aspire-manifest.json";

    private AspireManifest(IReadOnlyDictionary<string, ManifestResource> resources) => Resources = resources;

    public IReadOnlyDictionary<string, ManifestResource> Resources { get; }

    public IEnumerable<ManifestResource> Projects => Resources.Values.Where(r => r.Type == "project.v0");

    public static AspireManifest Load() => Parse(File.ReadAllText(System.IO.Path.Combine(HostBuilds.RepositoryRoot(), FileName)));

    public static AspireManifest Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var resources = new Dictionary<string, ManifestResource>(StringComparer.Ordinal);
        foreach (var resource in document.RootElement.GetProperty("resources").EnumerateObject())
        {
            var value = resource.Value.Clone();
            resources[resource.Name] = new ManifestResource(
                resource.Name,
                value.GetProperty("type").GetString()!,
                Text(value, "path"),
                Text(value, "image"),
                Text(value, "connectionString"),
                value.TryGetProperty("env", out var env)
                    ? env.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
                    : new Dictionary<string, string>(),
                value.TryGetProperty("bindings", out var bindings)
                    ? bindings.EnumerateObject().ToDictionary(b => b.Name, b => Binding(b.Value), StringComparer.Ordinal)
                    : new Dictionary<string, ManifestBinding>(),
                value.TryGetProperty("bindMounts", out var mounts)
                    ? [.. mounts.EnumerateArray().Select(m => (m.GetProperty("source").GetString()!, m.GetProperty("target").GetString()!,
                        m.TryGetProperty("readOnly", out var ro) && ro.GetBoolean()))]
                    : [],
                value);
        }

        return new AspireManifest(resources);
    }

    private static ManifestBinding Binding(JsonElement binding) => new(
        binding.GetProperty("scheme").GetString()!,
        binding.GetProperty("transport").GetString()!,
        binding.TryGetProperty("port", out var port) ? port.GetInt32() : null,
        binding.TryGetProperty("targetPort", out var target) ? target.GetInt32() : null,
        binding.TryGetProperty("external", out var external) && external.GetBoolean());

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
