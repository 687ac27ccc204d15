using System.Text.RegularExpressions;
using LifeOS.Journal.Text;

namespace LifeOS.Journal.Time;

/// <summary>Finds English time expressions: today, yesterday, the day before yesterday, N days ago, last night, tonight, this morning, yesterday evening, (last) Monday, in the afternoon.</summary>
internal static partial class TimeMentions
{
    public static IReadOnlyList<TimeMention> Find(string text)
    {
        var found = new List<TimeMention>();
        foreach (Match match in Pattern().Matches(text))
        {
            if (Read(match) is { } mention)
            {
                found.Add(mention);
            }
        }

        return found;
    }

    private static TimeMention? Read(Match match)
    {
        var groups = match.Groups;
        var start = match.Index;
        var end = match.Index + match.Length;
        var part = PartOf(groups["part"].Value);
        if (groups["daybefore"].Success)
        {
            return new TimeMention(start, end, -2, -2, DayPart.Day);
        }

        if (groups["yesterday"].Success)
        {
            // "yesterday night" is last night: the sleep that followed it ended this morning.
            return new TimeMention(start, end, -1, part == DayPart.Night ? 0 : -1, part);
        }

        if (groups["lastnight"].Success)
        {
            return new TimeMention(start, end, -1, 0, DayPart.Night);
        }

        if (groups["tonight"].Success)
        {
            return new TimeMention(start, end, 0, 0, DayPart.Night);
        }

        if (groups["this"].Success)
        {
            return new TimeMention(start, end, 0, 0, part);
        }

        if (groups["today"].Success)
        {
            return new TimeMention(start, end, 0, 0, DayPart.Day);
        }

        if (groups["ago"].Success)
        {
            var days = groups["n"].Value.StartsWith('a') || groups["n"].Value.StartsWith('A') ? 2 : (int)Numbers.Parse(groups["n"].Value);
            return days is > 0 and <= 31 ? new TimeMention(start, end, -days, -days, DayPart.Day) : null;
        }

        if (groups["weekday"].Success)
        {
            var day = Enum.Parse<DayOfWeek>(groups["weekday"].Value, ignoreCase: true);
            return new TimeMention(start, end, null, null, part, day, groups["last"].Success);
        }

        return new TimeMention(start, end, null, null, part);
    }

    private static DayPart PartOf(string word) => word.ToUpperInvariant() switch
    {
        "MORNING" => DayPart.Morning,
        "AFTERNOON" => DayPart.Afternoon,
        "EVENING" => DayPart.Evening,
        "NIGHT" => DayPart.Night,
        _ => DayPart.Day,
    };

    [GeneratedRegex(
        @"\b(?:" +
        @"(?<daybefore>the\s+day\s+before\s+yesterday)" +
        @"|(?<yesterday>yesterday)(?:\s+(?<part>morning|afternoon|evening|night))?" +
        @"|(?<lastnight>last\s+night)" +
        @"|(?<tonight>tonight)" +
        @"|(?<this>this\s+(?<part>morning|afternoon|evening))" +
        @"|(?<today>today)" +
        @"|(?<ago>(?<n>" + Numbers.Pattern + @"|a\s+couple\s+of)\s+days?\s+ago)" +
        @"|(?:(?<last>last)\s+|on\s+)?(?<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?<part>morning|afternoon|evening|night))?" +
        @"|(?:in\s+the\s+|at\s+)?(?<part>morning|afternoon|evening|night)" +
        @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
