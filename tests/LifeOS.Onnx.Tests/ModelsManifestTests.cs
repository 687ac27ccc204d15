using System.Security.Cryptography;
using System.Text.Json;

namespace LifeOS.Onnx.Tests;

/// <summary>models/manifest.json says what each file is, where it comes from and who uses it; the fetched files match it.</summary>
public sealed class ModelsManifestTests
{
    private static readonly JsonElement[] Entries = ReadEntries();

    [Fact]
    public void Every_entry_names_its_file_source_licence_and_users()
    {
        Assert.NotEmpty(Entries);
        foreach (var entry in Entries)
        {
            var name = entry.GetProperty("name").GetString();
            Assert.False(string.IsNullOrWhiteSpace(name));
            Assert.False(string.IsNullOrWhiteSpace(entry.GetProperty("file").GetString()), name);
            Assert.False(string.IsNullOrWhiteSpace(entry.GetProperty("licence").GetString()), name);
            Assert.NotEqual(0, entry.GetProperty("usedBy").GetArrayLength());
            var source = entry.GetProperty("source");
            Assert.True(source.TryGetProperty("npm", out _) || source.TryGetProperty("url", out _), $"{name} has no source");
        }
        Assert.Contains(Entries, e => !e.GetProperty("fetchable").GetBoolean() && e.GetProperty("usedBy").EnumerateArray().Any(u => u.GetString() == "knowledge"));
    }

    [Fact]
    public void Every_fetchable_file_is_present_with_the_manifests_sha256()
    {
        var fetchable = Entries.Where(e => e.GetProperty("fetchable").GetBoolean()).ToArray();
        Assert.Contains(fetchable, e => e.GetProperty("file").GetString() == "libonnxruntime.so");
        Assert.Contains(fetchable, e => e.GetProperty("file").GetString() == "silero_vad.onnx");
        foreach (var entry in fetchable)
        {
            var path = Path.Combine(RepositoryModels.Directory, entry.GetProperty("file").GetString()!);
            Assert.True(File.Exists(path), $"{path} is missing: run models/fetch.sh");
            using var stream = File.OpenRead(path);
            Assert.Equal(entry.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(stream)));
            Assert.Contains("@", entry.GetProperty("source").GetProperty("npm").GetString(), StringComparison.Ordinal);
        }
    }

    private static JsonElement[] ReadEntries()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryModels.Directory, "manifest.json")));
        return document.RootElement.GetProperty("models").EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
