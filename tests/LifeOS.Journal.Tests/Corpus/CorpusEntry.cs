using System.Text.Json;
using System.Text.Json.Serialization;

namespace LifeOS.Journal.Tests.Corpus;

/// <summary>One hand-written entry of the corpus and the facts a reader lists for it.</summary>
public sealed record CorpusEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("expect")] IReadOnlyList<string> Expect,
    [property: JsonPropertyName("trap")] string? Trap = null)
{
    public static IReadOnlyList<CorpusEntry> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", "entries.json");
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<CorpusFile>(stream) ?? throw new InvalidDataException($"{path} is empty.");
        return file.Entries;
    }

    private sealed record CorpusFile([property: JsonPropertyName("entries")] IReadOnlyList<CorpusEntry> Entries);
}
