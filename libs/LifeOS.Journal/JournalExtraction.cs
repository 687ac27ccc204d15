namespace LifeOS.Journal;

/// <summary>What an extractor found in one entry: the facts and the day the entry is about.</summary>
/// <param name="Facts">Facts in the order their spans appear in the text.</param>
/// <param name="About">The time of the first time expression in the text, or the entry's own time when there is none.</param>
public sealed record JournalExtraction(IReadOnlyList<JournalFact> Facts, FactTime About);
