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
    private readonly bool[] _claimed;
    private readonly List<JournalFact> _facts = [];
    private readonly HashSet<(string Field, string Value)> _texts = [];
    private readonly TimeContext _time;

    // Found once per entry; each rule then asks about its own clause by binary search.
    private readonly IReadOnlyList<int> _notDone;

    public RuleContext(string text, DateTimeOffset entryTime, TimeZoneInfo? zone)
    {
        Text = text;
        _claimed = new bool[text.Length];
        Sentences = Segments.Sentences(text);
        Clauses = Segments.Clauses(text);
        _time = new TimeContext(text, Sentences, entryTime, zone);
        Durations = Journal.Text.Durations.Find(text);
        Distances = Journal.Text.Distances.Find(text);
        Money = Journal.Text.Money.Find(text);
        _notDone = Phrases.NotDoneMarks(text);
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

    public bool IsClaimed(int start, int end) => Array.IndexOf(_claimed, true, start, end - start) >= 0;

    public void Claim(int start, int end) => Array.Fill(_claimed, true, start, end - start);

    /// <summary>
    /// How far rules look around a match. Enough for any phrase a person writes about one thing, and it keeps a
    /// 50,000-character entry without punctuation linear instead of rescanning the whole clause for every word.
    /// </summary>
    public const int Reach = 150;

    /// <summary>The text before <paramref name="index"/> within <paramref name="range"/>, at most <paramref name="reach"/> characters.</summary>
    public string Before(int index, TextRange range, int reach = Reach) => Text[Math.Max(range.Start, index - reach)..Math.Max(index, range.Start)];

    /// <summary>The text from <paramref name="index"/> within <paramref name="range"/>, at most <paramref name="reach"/> characters.</summary>
    public string After(int index, TextRange range, int reach = Reach) => Text[index..Math.Max(index, Math.Min(range.End, index + reach))];

    /// <summary>The text around <paramref name="index"/> within <paramref name="range"/>, at most <paramref name="reach"/> characters each way.</summary>
    public string Around(int index, TextRange range, int reach = Reach) =>
        Text[Math.Max(range.Start, index - reach)..Math.Max(Math.Min(range.End, index + reach), Math.Max(range.Start, index - reach))];

    /// <summary>True when the clause holding <paramref name="index"/>, within <see cref="Reach"/> of it, says the thing did not happen or is only planned.</summary>
    public bool NotDoneAt(int index)
    {
        var clause = ClauseAt(index);
        var from = Math.Max(clause.Start, index - Reach);
        var to = Math.Min(clause.End, index + Reach);
        var first = Ordered.FirstFrom(_notDone, mark => mark, from);
        return first < _notDone.Count && _notDone[first] < to;
    }

    /// <summary>The first duration starting at or after <paramref name="index"/>, or null.</summary>
    public DurationMention? DurationFrom(int index)
    {
        var first = Ordered.FirstFrom(Durations, duration => duration.Start, index);
        return first < Durations.Count ? Durations[first] : null;
    }

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
        if (!_texts.Add((field.Name, value.ToUpperInvariant())))
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

    // Ranges are sorted and disjoint: binary search for the one holding the index, else (whitespace, a separator)
    // the one that follows, else the last.
    internal static TextRange Find(IReadOnlyList<TextRange> ranges, int index)
    {
        if (ranges.Count == 0)
        {
            return new TextRange(index, index);
        }

        var (low, high) = (0, ranges.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = ranges[middle].End <= index ? (middle + 1, high) : (low, middle);
        }

        return low < ranges.Count ? ranges[low] : ranges[^1];
    }
}
