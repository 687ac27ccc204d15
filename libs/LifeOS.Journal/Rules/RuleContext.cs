using LifeOS.Contracts.Payloads;
using LifeOS.Journal.Text;
using LifeOS.Journal.Time;

namespace LifeOS.Journal.Rules;

/// <summary>The entry as the rules see it: its text, sentences, clauses, measurements found once, claimed stretches and the facts so far.</summary>
/// <remarks>
/// A stretch of text used by one fact is claimed, so "worked 9 hours" is never also read as an exercise duration
/// and "$60 on running shoes" never as a run. Rules run in a fixed order, most specific first.
/// </remarks>
internal sealed class RuleContext
{
    private readonly List<TextRange> _claimed = [];
    private readonly List<JournalFact> _facts = [];
    private readonly TimeContext _time;

    public RuleContext(string text, DateTimeOffset entryTime, TimeZoneInfo? zone)
    {
        Text = text;
        Sentences = Segments.Sentences(text);
        Clauses = Segments.Clauses(text);
        _time = new TimeContext(text, Sentences, entryTime, zone);
        Durations = Journal.Text.Durations.Find(text);
        Distances = Journal.Text.Distances.Find(text);
        Money = Journal.Text.Money.Find(text);
    }

    public string Text { get; }

    public IReadOnlyList<TextRange> Sentences { get; }

    public IReadOnlyList<TextRange> Clauses { get; }

    public IReadOnlyList<DurationMention> Durations { get; }

    public IReadOnlyList<DistanceMention> Distances { get; }

    public IReadOnlyList<MoneyMention> Money { get; }

    public IReadOnlyList<JournalFact> Facts => _facts;

    public FactTime About => _time.About;

    public TextRange SentenceAt(int index) => Find(Sentences, index);

    public TextRange ClauseAt(int index) => Find(Clauses, index);

    public string Slice(TextRange range) => Text[range.Start..range.End];

    public bool IsClaimed(int start, int end) => _claimed.Exists(range => range.Overlaps(start, end));

    public void Claim(int start, int end) => _claimed.Add(new TextRange(start, end));

    /// <summary>True when the clause holding <paramref name="index"/> says the thing did not happen or is only planned.</summary>
    public bool NotDoneAt(int index) => Phrases.NegatedOrPlanned(Slice(ClauseAt(index)));

    /// <summary>Adds a numeric fact and claims its span; a value outside the field's range is dropped as a misreading.</summary>
    public void AddNumber(JournalField field, double value, string? unit, int start, int end, double confidence, bool sleep = false)
    {
        if (value < field.Min || value > field.Max)
        {
            return;
        }

        Claim(start, end);
        _facts.Add(new JournalFact(
            field.Name, FactProvenance.Explicit, confidence,
            Number: Math.Round(value, 4), Unit: unit ?? field.Unit,
            Span: new TextSpan(start, end), Time: _time.At(start, sleep)));
    }

    /// <summary>Adds a text fact; it claims its span only when asked, since a word may hold two facts ("went to the gym": workout and place).</summary>
    public void AddText(JournalField field, string value, int start, int end, double confidence, bool claim = false)
    {
        // A list field names each item once, at its first mention.
        if (_facts.Exists(fact => fact.Field == field.Name && string.Equals(fact.Text, value, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        if (claim)
        {
            Claim(start, end);
        }

        _facts.Add(new JournalFact(
            field.Name, FactProvenance.Explicit, confidence, Text: value,
            Span: new TextSpan(start, end), Time: _time.At(start)));
    }

    private static TextRange Find(IReadOnlyList<TextRange> ranges, int index)
    {
        foreach (var range in ranges)
        {
            if (range.Contains(index))
            {
                return range;
            }
        }

        // Between two ranges (whitespace, a separator): the range that follows, else the last.
        return ranges.FirstOrDefault(range => range.Start > index, ranges.Count > 0 ? ranges[^1] : new TextRange(index, index));
    }
}
