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
    /// <summary>The development set: the rules were written with these entries in view.</summary>
    public const string Development = "entries.json";

    /// <summary>The held-out set: written after the rules and never used to tune them.</summary>
    public const string HeldOut = "holdout.json";

    public static IReadOnlyList<CorpusEntry> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", file);
        using var stream = File.OpenRead(path);
        var corpus = JsonSerializer.Deserialize<CorpusFile>(stream) ?? throw new InvalidDataException($"{path} is empty.");
        return corpus.Entries;
    }

    private sealed record CorpusFile([property: JsonPropertyName("entries")] IReadOnlyList<CorpusEntry> Entries);
}
