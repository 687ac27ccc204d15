using System.Text.RegularExpressions;

namespace LifeOS.Journal.Text;

/// <summary>Small word-level checks shared by the rules: filler between a field word and its number, negation and plans.</summary>
internal static partial class Phrases
{
    /// <summary>Hedges and connectives that may stand between a field word and its value ("slept badly, maybe 5 hours").</summary>
    public static readonly HashSet<string> CommonFiller = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "about", "around", "approx", "approximately", "roughly", "maybe", "probably", "perhaps", "like",
        "only", "just", "almost", "nearly", "barely", "over", "under", "solid", "good", "full", "whole", "total",
        "in", "for", "of", "was", "is", "at", "level", "levels", "score", "today", "tonight", "again", "another",
        "still", "pretty", "so", "very", "quite", "really", "ok", "okay", "fine", "alright", "decent", "low", "high",
        "bad", "great", "poor", "some", "somewhere", "than", "less", "more", "got", "get", "me",
    };

    /// <summary>True when the text between <paramref name="start"/> and <paramref name="end"/> holds only words from <paramref name="filler"/> and light punctuation.</summary>
    public static bool OnlyFiller(string text, int start, int end, IReadOnlySet<string> filler)
    {
        if (end < start)
        {
            return false;
        }

        foreach (Match word in Word().Matches(text[start..end]))
        {
            if (!filler.Contains(word.Value))
            {
                return false;
            }
        }

        return Punctuation().IsMatch(text[start..end]);
    }

    /// <summary>Where the text says something did not happen or has not happened yet ("didn't", "skipped", "planning to", "tomorrow"), in text order.</summary>
    public static IReadOnlyList<int> NotDoneMarks(string text) => NotDone().Matches(text).Select(match => match.Index).ToList();

    [GeneratedRegex(@"[\p{L}']+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    // Whatever is not a word must be light punctuation: no digits, no brackets that start a new thought.
    [GeneratedRegex(@"^[\s\p{L}',:=~\-–—]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Punctuation();

    [GeneratedRegex(
        @"\b(?:didn[’']?t|did\s+not|don[’']?t|do\s+not|not|never|no|skipped|skip|missed|couldn[’']?t|can[’']?t|cannot|won[’']?t|wouldn[’']?t|" +
        @"planning|plan|plans|planned|want|wanted|wanna|going\s+to|gonna|will|should|need\s+to|hope|hoping|might|" +
        @"tomorrow|next\s+(?:week|month|year|time)|signing\s+up|sign\s+up|thinking\s+(?:about|of))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotDone();
}
