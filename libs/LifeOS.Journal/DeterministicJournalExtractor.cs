using LifeOS.Journal.Rules;

namespace LifeOS.Journal;

/// <summary>Extracts what a journal entry states plainly (numbers with units, ratings, names after cue words) with regex and token rules; no model.</summary>
/// <remarks>
/// Every fact is <see cref="FactProvenance.Explicit"/> with a confidence from <see cref="ExplicitConfidence"/> and a
/// span into the text. The rules run most specific first, and a stretch of text one rule used is not read again by
/// the next: ratings, sleep and work take their numbers before exercise looks for durations, spending takes its
/// amounts before anything reads "$60 on running shoes" as a run. What the rules count is listed in the README.
/// </remarks>
public sealed class DeterministicJournalExtractor : IJournalExtractor
{
    /// <summary>Names this extractor and its rule set in derived records, so facts can be traced and re-derived.</summary>
    public const string ModelName = "lifeos-journal-rules/1";

    /// <summary>The longest text accepted: the <c>journal.entry.raw</c> topic's limit on <c>text</c>.</summary>
    public const int MaxTextLength = 50_000;

    private static readonly IFactRule[] Rules =
    [
        new RatingRule(),
        new SleepRule(),
        new WorkRule(),
        new SpendingRule(),
        new ExerciseRule(),
        new PeopleRule(),
        new PlaceRule(),
        new FoodRule(),
        new ActivityRule(),
    ];

    public JournalExtraction Extract(string text, DateTimeOffset entryTime, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxTextLength)
        {
            throw new ArgumentException($"text is {text.Length} characters; a journal entry holds at most {MaxTextLength}.", nameof(text));
        }

        var context = new RuleContext(text, entryTime, zone);
        foreach (var rule in Rules)
        {
            rule.Apply(context);
        }

        var facts = context.Facts.OrderBy(fact => fact.Span?.Start ?? 0).ThenBy(fact => fact.Field, StringComparer.Ordinal).ToList();
        return new JournalExtraction(facts, context.About);
    }
}
