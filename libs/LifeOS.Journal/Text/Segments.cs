using System.Text.RegularExpressions;

namespace LifeOS.Journal.Text;

/// <summary>Splits an entry into sentences and clauses, keeping offsets into the original text.</summary>
/// <remarks>
/// Rules look for a number next to its field word inside one sentence; negation and plans ("didn't", "planning
/// to") hold for one clause. A full stop between digits ("7.5") is not a
/// sentence end, nor is a comma followed by a digit ("1,099", "12,50").
/// </remarks>
internal static partial class Segments
{
    public static IReadOnlyList<TextRange> Sentences(string text) => Split(text, SentenceEnd());

    public static IReadOnlyList<TextRange> Clauses(string text) => Split(text, ClauseEnd());

    private static List<TextRange> Split(string text, Regex boundary)
    {
        var ranges = new List<TextRange>();
        var start = 0;
        foreach (Match match in boundary.Matches(text))
        {
            Add(ranges, text, start, match.Index);
            start = match.Index + match.Length;
        }

        Add(ranges, text, start, text.Length);
        return ranges;
    }

    private static void Add(List<TextRange> ranges, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            ranges.Add(new TextRange(start, end));
        }
    }

    // . ! ? ; or a line break end a sentence; a '.' followed by a digit is a decimal point.
    [GeneratedRegex(@"\.(?!\d)[.!?]*|[!?;]+|\r?\n+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    // Clauses also end at commas and at words that start a new statement.
    [GeneratedRegex(@"\.(?!\d)[.!?]*|[!?;]+|\r?\n+|,(?!\d)|\s+(?:but|then|so|although|though|while|whereas|because)\s+|\s+and\s+(?=then\b)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ClauseEnd();
}
