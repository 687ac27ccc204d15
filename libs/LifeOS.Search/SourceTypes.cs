namespace LifeOS.Search;

/// <summary>Which search kinds each source event type produces, so deleting by event type reaches its chunks and vectors.</summary>
public static class SourceTypes
{
    public const string JournalEntry = "journal.entry";
    public const string KnowledgeItem = "knowledge.item";
    public const string Url = "task.url";

    private static readonly Dictionary<string, string[]> Kinds = new(StringComparer.Ordinal)
    {
        [JournalEntry] = [SearchKinds.Journal],
        [KnowledgeItem] = [SearchKinds.Note, SearchKinds.Link, SearchKinds.Pdf, SearchKinds.Caption],
        [Url] = [SearchKinds.Link, SearchKinds.Pdf],
        ["media.text.transcribed.words"] = [SearchKinds.Transcript],
    };

    /// <summary>The kinds made from any of these event types (an unknown type contributes none).</summary>
    public static IReadOnlyList<string> KindsOf(IEnumerable<string> eventTypes) =>
        [.. eventTypes.SelectMany(t => Kinds.GetValueOrDefault(t) ?? []).Distinct(StringComparer.Ordinal)];
}
