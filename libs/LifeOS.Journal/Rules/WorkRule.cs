using System.Text.RegularExpressions;
using LifeOS.Journal.Text;

namespace LifeOS.Journal.Rules;

/// <summary>Work duration: "worked 9 hours", "8h at work", "Work: 8h", "6 hours of work", "10-hour day", "worked from 9 to 6".</summary>
/// <remarks>"Worked out" is exercise; "before work" and "walked to work" name work without a duration of it.</remarks>
internal sealed partial class WorkRule : IFactRule
{
    private static readonly HashSet<string> Filler = new(Phrases.CommonFiller, StringComparer.OrdinalIgnoreCase)
    {
        "fine", "intense", "long", "late", "hard", "busy", "from", "home", "remotely", "straight", "nonstop",
        "overtime", "total", "crazy", "brutal", "productive", "another", "day", "today",
    };

    public void Apply(RuleContext context)
    {
        var text = context.Text;
        foreach (Match match in Span().Matches(text))
        {
            var start = ClockTime.Parse(match.Groups["from"].Value).MinutesAfterMidnight(evening: false);
            var end = ClockTime.Parse(match.Groups["to"].Value).MinutesAfterMidnight(evening: false);
            // "9 to 6" ends in the afternoon: an end at or before the start is twelve hours later.
            while (end <= start)
            {
                end += 12 * 60;
            }

            context.AddNumber(JournalFields.WorkDuration, (end - start) / 60.0, "h", match.Index, match.Index + match.Length, ExplicitConfidence.Assumed);
        }

        // The verb first, so "Worked 8 hours at the office" is stated by "Worked 8 hours".
        foreach (Match keyword in Keyword().Matches(text))
        {
            var sentence = context.SentenceAt(keyword.Index);
            var after = keyword.Index + keyword.Length;
            var duration = context.DurationFrom(after);
            if (duration is null || duration.End > sentence.End || duration.ClockStyle || context.IsClaimed(duration.Start, duration.End)
                || duration.Start - after > 40 || !Phrases.OnlyFiller(text, after, duration.Start, Filler))
            {
                continue;
            }

            context.AddNumber(JournalFields.WorkDuration, duration.Minutes / 60, "h", keyword.Index, duration.End, ExplicitConfidence.Stated);
        }

        foreach (var duration in context.Durations)
        {
            if (duration.ClockStyle || context.IsClaimed(duration.Start, duration.End))
            {
                continue;
            }

            var sentence = context.SentenceAt(duration.Start);
            var noun = WorkNoun().Match(text, duration.End, sentence.End - duration.End);
            if (noun.Success)
            {
                context.AddNumber(JournalFields.WorkDuration, duration.Minutes / 60, "h", duration.Start, noun.Index + noun.Length, ExplicitConfidence.Stated);
            }
        }
    }

    // "work" as a noun counts only where it opens the phrase ("Work: 8h", "Work was fine, about 8 hours"), not in "before work".
    [GeneratedRegex(
        @"\b(?:worked|working)\b(?!\s+(?:out|on|through)\b)|(?<!\b(?:to|from|before|after|for|at|of|in|the|my|no|home|some)\s+)\bwork\b(?!\s+out\b)(?![-‐]?out)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Keyword();

    [GeneratedRegex(
        @"\G(?:\s+(?:of|at|in)\s+(?:the\s+)?(?:work|office)\b|\s+(?:of\s+)?(?:work|working)\b(?!\s+out)|\s*(?:work\s*)?(?:day|shift|workday)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WorkNoun();

    [GeneratedRegex(
        @"\b(?:worked|working|work|shift)\s+(?:from\s+)?(?<from>" + ClockTime.Pattern + @")\s*(?:to|until|till|til|-|–)\s*(?<to>" + ClockTime.Pattern + @")(?![\d:])(?!\s*(?:h|hrs?|hours?)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Span();
}
