namespace LifeOS.Journal.Tests;

/// <summary>Runs the deterministic extractor the way the unit tests need it: one entry, written at a fixed time.</summary>
internal static class Extraction
{
    /// <summary>Sunday 22 November 2026, 21:30 at UTC+1.</summary>
    public static readonly DateTimeOffset WrittenAt = new(2026, 11, 22, 21, 30, 0, TimeSpan.FromHours(1));

    private static readonly DeterministicJournalExtractor Extractor = new();

    public static IReadOnlyList<JournalFact> Facts(string text, DateTimeOffset? at = null, TimeZoneInfo? zone = null) =>
        Extractor.Extract(text, at ?? WrittenAt, zone).Facts;

    public static IReadOnlyList<double> Numbers(string text, JournalField field) =>
        Facts(text).Where(fact => fact.Field == field.Name).Select(fact => fact.Number!.Value).ToList();

    public static IReadOnlyList<string> Texts(string text, JournalField field) =>
        Facts(text).Where(fact => fact.Field == field.Name).Select(fact => fact.Text!).ToList();

    public static JournalFact Single(string text, JournalField field) =>
        Assert.Single(Facts(text), fact => fact.Field == field.Name);
}
