using System.Text.RegularExpressions;
using LifeOS.Journal.Text;

namespace LifeOS.Journal.Rules;

/// <summary>Sleep duration: "slept 7h20", "slept badly, maybe 5 hours", "4.5 hours of sleep", "Sleep: 6h45m", "slept from 1am to 8am", "went to bed at 11:30, woke up at 7".</summary>
/// <remarks>Naps are an activity, and "slept in until 10" names a clock time, not a duration.</remarks>
internal sealed partial class SleepRule : IFactRule
{
    private static readonly HashSet<string> Filler = new(Phrases.CommonFiller, StringComparer.OrdinalIgnoreCase)
    {
        "badly", "well", "poorly", "terribly", "horribly", "fitfully", "deeply", "lightly", "ok", "last", "night",
        "yesterday", "straight", "time", "duration",
    };

    public void Apply(RuleContext context)
    {
        Intervals(context);

        var text = context.Text;
        foreach (Match keyword in Keyword().Matches(text))
        {
            var sentence = context.SentenceAt(keyword.Index);
            var after = keyword.Index + keyword.Length;
            var duration = context.DurationFrom(after);
            if (duration is null || duration.End > sentence.End || context.IsClaimed(duration.Start, duration.End) || duration.Start - after > 40
                || !Phrases.OnlyFiller(text, after, duration.Start, Filler))
            {
                continue;
            }

            var confidence = duration.ClockStyle ? ExplicitConfidence.Assumed : ExplicitConfidence.Stated;
            context.AddNumber(JournalFields.SleepDuration, duration.Minutes / 60, "h", keyword.Index, duration.End, confidence, sleep: true);
        }

        foreach (var duration in context.Durations)
        {
            if (duration.ClockStyle || context.IsClaimed(duration.Start, duration.End))
            {
                continue;
            }

            var sentence = context.SentenceAt(duration.Start);
            var noun = SleepNoun().Match(text, duration.End, sentence.End - duration.End);
            if (noun.Success)
            {
                context.AddNumber(JournalFields.SleepDuration, duration.Minutes / 60, "h", duration.Start, noun.Index + noun.Length, ExplicitConfidence.Stated, sleep: true);
            }
        }
    }

    // Bed and wake clock times: the night runs from one to the other across midnight.
    private static void Intervals(RuleContext context)
    {
        foreach (Match match in Interval().Matches(context.Text))
        {
            if (context.IsClaimed(match.Index, match.Index + match.Length))
            {
                continue;
            }

            var bed = ClockTime.Parse(match.Groups["bed"].Value).MinutesAfterMidnight(evening: true);
            var wake = ClockTime.Parse(match.Groups["wake"].Value).MinutesAfterMidnight(evening: false);
            var minutes = (wake - bed + (24 * 60)) % (24 * 60);
            if (minutes is >= 60 and <= 16 * 60)
            {
                context.AddNumber(JournalFields.SleepDuration, minutes / 60.0, "h", match.Index, match.Index + match.Length, ExplicitConfidence.Assumed, sleep: true);
            }
        }
    }

    [GeneratedRegex(@"\b(?:slept|sleep|sleeping|sleeps)\b(?!\s+in\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Keyword();

    [GeneratedRegex(@"\G['’]?\s*(?:of\s+)?(?:(?:good|solid|decent|bad|broken|deep|total|actual|real)\s+)?(?:sleep|shut-?eye|kip)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SleepNoun();

    [GeneratedRegex(
        @"\b(?:slept\s+(?:from\s+)?(?<bed>" + ClockTime.Pattern + @")\s*(?:to|until|till|til|-|–)\s*(?<wake>" + ClockTime.Pattern + @")(?![\d:])(?!\s*(?:h|hrs?|hours?)\b)" +
        @"|(?:went\s+to\s+bed|in\s+bed|to\s+bed|fell\s+asleep|asleep|lights\s+out)\s+(?:at|by|around|about)?\s*" +
        "(?<bed>" + ClockTime.Pattern + @")[^.!?;\n\d]{0,40}?\b(?:woke(?:\s+up)?|got\s+up|up|awake)\s+(?:at|by|around|about)?\s*" +
        "(?<wake>" + ClockTime.Pattern + @"))(?![\d:])(?!\s*(?:h|hrs?|hours?)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Interval();
}
