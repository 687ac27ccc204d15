using System.Text.RegularExpressions;
using LifeOS.Journal.Text;

namespace LifeOS.Journal.Rules;

/// <summary>Mood, energy, stress and sleep-quality ratings: "mood 6/10", "Mood: 5", "stress level 4", "energy is a 3", "7/10 stress", "feeling 7 out of 10".</summary>
/// <remarks>
/// Only numbers count. A number with a scale may stand a few words after the field word ("Energy through the
/// roof, 9/10"); a number without one must follow the field word through filler alone, be 0–10 and end the
/// phrase, so "energy at 2pm" and "stress 10 emails" are not ratings. Words such as "great" are a model's
/// judgement, not a stated number.
/// </remarks>
internal sealed partial class RatingRule : IFactRule
{
    private static readonly HashSet<string> Filler = new(Phrases.CommonFiller, StringComparer.OrdinalIgnoreCase) { "feeling", "felt", "rated", "rating", "it" };

    public void Apply(RuleContext context)
    {
        var text = context.Text;
        foreach (Match keyword in Keyword().Matches(text))
        {
            var field = FieldOf(keyword.Groups["field"].Value, out var scaleRequired);
            var sentence = context.SentenceAt(keyword.Index);
            var after = keyword.Index + keyword.Length;
            var value = Value().Match(text, after, sentence.End - after);
            if (!value.Success)
            {
                continue;
            }

            var between = value.Groups["between"];
            if (Keyword().IsMatch(between.Value))
            {
                // Another rating word stands closer to this number: "mood and energy 7/10" rates energy.
                continue;
            }

            var scaled = value.Groups["d"].Success;
            if (!scaled && (scaleRequired
                || !Phrases.OnlyFiller(text, between.Index, between.Index + between.Length, Filler)
                || !PhraseEnd().IsMatch(context.After(value.Index + value.Length, sentence, 40))))
            {
                continue;
            }

            Add(context, field, value.Groups["n"].Value, value.Groups["d"].Value, keyword.Index, value.Index + value.Length);
        }

        foreach (Match reversed in Reversed().Matches(text))
        {
            var field = FieldOf(reversed.Groups["field"].Value, out _);
            Add(context, field, reversed.Groups["n"].Value, reversed.Groups["d"].Value, reversed.Index, reversed.Index + reversed.Length);
        }
    }

    private static void Add(RuleContext context, JournalField field, string number, string denominator, int start, int end)
    {
        if (context.IsClaimed(start, end))
        {
            return;
        }

        var value = Numbers.Parse(number);
        var scale = denominator.Length > 0 ? Numbers.Parse(denominator) : 10;
        if (scale is not (5 or 10 or 100) || value > scale)
        {
            return;
        }

        var confidence = scale == 10 && denominator.Length > 0 ? ExplicitConfidence.Stated : ExplicitConfidence.Assumed;
        context.AddNumber(field, value * 10 / scale, JournalFields.ScoreUnit, start, end, confidence);
    }

    // "feeling" and "slept" rate only with a scale: "feeling 7" and "slept 7" are not ratings.
    private static JournalField FieldOf(string word, out bool scaleRequired)
    {
        var key = word.ToUpperInvariant();
        var feeling = key.StartsWith("FEEL", StringComparison.Ordinal) || key == "FELT";
        scaleRequired = feeling || key is "SLEPT" or "SLEEP";
        if (feeling || key.StartsWith("MOOD", StringComparison.Ordinal))
        {
            return JournalFields.MoodScore;
        }

        if (key.StartsWith("ENERGY", StringComparison.Ordinal))
        {
            return JournalFields.EnergyScore;
        }

        return key.StartsWith("STRESS", StringComparison.Ordinal) ? JournalFields.StressScore : JournalFields.SleepQuality;
    }

    [GeneratedRegex(
        @"\b(?<field>mood|energy(?:\s+levels?)?|stress(?:\s+levels?)?|stressed|sleep\s+quality|quality\s+of\s+sleep|sleep\s+score|feeling|feel|felt|slept|sleep)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Keyword();

    // The number after a field word, with its scale when written. Nothing in between may be a digit or end the sentence.
    [GeneratedRegex(
        @"\G(?<between>[^\d\n.!?;]{0,30}?)(?<n>\d+(?:[.,]\d)?)(?:\s*(?:/\s*(?<d>\d+)|out\s+of\s+(?<d>\d+)))?(?![\d/])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Value();

    // A bare rating ends its phrase: "mood 6." or "mood 6 and", never "energy 2pm" or "stress 10 emails".
    [GeneratedRegex(
        @"^(?:\s*$|\s*[.,;:!?)\]–—-]|\s+(?:and|but|or|today|tonight|this|now|then|overall|though|at|in|all|after|before|by|since|mostly|max|tops|ish)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhraseEnd();

    [GeneratedRegex(
        @"\b(?<n>\d+(?:[.,]\d)?)\s*(?:/\s*(?<d>\d+)|out\s+of\s+(?<d>\d+))\s+(?:for\s+|on\s+)?(?<field>mood|energy|stress|sleep(?:\s+quality)?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reversed();
}
