using System.Text.RegularExpressions;

namespace LifeOS.Journal.Text;

/// <summary>A stretch of time written in the text, in minutes.</summary>
/// <param name="ClockStyle">Written as h:mm ("1:58"), which reads as a duration only after "in", "for" or "slept".</param>
internal sealed record DurationMention(int Start, int End, double Minutes, bool ClockStyle);

/// <summary>Finds durations: 7h20, 6h45m, 7 hours 20 minutes, 7.5 hours, 45-minute, seven and a half hours, an hour and a half, half an hour, 1:58.</summary>
internal static partial class Durations
{
    public static IReadOnlyList<DurationMention> Find(string text)
    {
        var found = new List<DurationMention>();
        foreach (Match match in Pattern().Matches(text))
        {
            if (Read(match) is { } minutes && minutes > 0)
            {
                found.Add(new DurationMention(match.Index, match.Index + match.Length, minutes, match.Groups["clock"].Success));
            }
        }

        return found;
    }

    private static double? Read(Match match)
    {
        var groups = match.Groups;
        if (groups["hm"].Success)
        {
            return (Numbers.Parse(groups["h"].Value) * 60) + Numbers.Parse(groups["m"].Value);
        }

        if (groups["halfhour"].Success)
        {
            return 30;
        }

        if (groups["hourhalf"].Success)
        {
            return 90;
        }

        if (groups["quarter"].Success)
        {
            return 15;
        }

        if (groups["anhour"].Success)
        {
            return 60;
        }

        if (groups["clock"].Success)
        {
            return (Numbers.Parse(groups["ch"].Value) * 60) + Numbers.Parse(groups["cm"].Value);
        }

        var amount = Numbers.Parse(groups["n"].Value) + (groups["half"].Success ? 0.5 : 0);
        var unit = groups["u"].Value.ToUpperInvariant();
        return unit.StartsWith('H') ? amount * 60 : amount;
    }

    // Ordered so the longest reading wins: "7h20" before "7h", "an hour and a half" before "an hour".
    // The h:mm form refuses am/pm so clock times ("6:30am") are not durations.
    [GeneratedRegex(
        @"(?<![\w.,:])(?:" +
        @"(?<hm>(?<h>\d+)\s*(?:h|hrs?|hours?)\.?\s*(?:and\s+)?(?<m>[0-5]?\d)\s*(?:m|mins?|minutes?)?(?![\w:]))" +
        @"|(?<hourhalf>(?:an|one)\s+hour\s+and\s+a\s+half)" +
        @"|(?<halfhour>half\s+an\s+hour|a\s+half[\s-]hour)" +
        @"|(?<quarter>(?:a\s+)?quarter\s+of\s+an\s+hour|(?:a\s+)?quarter[\s-]hour)" +
        @"|(?<n>" + Numbers.Pattern + @")(?<half>\s+and\s+a\s+half)?\s*\+?\s*-?\s*(?<u>hours?|hrs?|h|minutes?|mins?)(?![\w])" +
        @"|(?<anhour>\ban?\s+hour(?![\w-]))" +
        @"|(?<clock>(?<ch>\d{1,2}):(?<cm>[0-5]\d))(?!\s*(?:am|pm|a\.m|p\.m)|[\d:])" +
        @")",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
