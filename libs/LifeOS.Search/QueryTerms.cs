using System.Globalization;
using System.Text;

namespace LifeOS.Search;

/// <summary>Turns what a person typed into the words a full-text engine matches, so no query syntax ever reaches it.</summary>
public static class QueryTerms
{
    public const int MaxTerms = 32;

    /// <summary>The query's words (letters and digits), lower-cased, de-duplicated, at most <see cref="MaxTerms"/>.</summary>
    public static IReadOnlyList<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(rune.ToString().ToLower(CultureInfo.InvariantCulture));
                continue;
            }

            Flush(word, terms);
        }

        Flush(word, terms);
        return terms.Take(MaxTerms).ToList();
    }

    private static void Flush(StringBuilder word, List<string> terms)
    {
        if (word.Length > 0 && !terms.Contains(word.ToString(), StringComparer.Ordinal))
            terms.Add(word.ToString());
        word.Clear();
    }
}
