using System.Globalization;

namespace LifeOS.Journal.Text;

/// <summary>Reads the numbers people write in journals: digits with either decimal mark, and number words.</summary>
internal static class Numbers
{
    /// <summary>A regex fragment matching one number: digits (1,099 / 7.5 / 7,5) or a word up to ninety-nine.</summary>
    public const string Pattern =
        @"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";

    private static readonly Dictionary<string, int> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
        ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17,
        ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
        ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    /// <summary>Parses what <see cref="Pattern"/> matched. A comma before exactly three digits groups thousands; otherwise it is a decimal mark.</summary>
    public static double Parse(string token)
    {
        var text = token.Trim();
        if (text.Length > 0 && char.IsDigit(text[0]))
        {
            if (text.Contains(',', StringComparison.Ordinal))
            {
                var groups = text.Split(',');
                var thousands = groups.Skip(1).All(group => group.Split('.')[0].Length == 3);
                text = thousands ? text.Replace(",", "", StringComparison.Ordinal) : text.Replace(',', '.');
            }

            return double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }

        var parts = text.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        var sum = 0;
        foreach (var part in parts)
        {
            sum += Words.TryGetValue(part, out var value) ? value : throw new FormatException($"'{token}' is not a number.");
        }

        return sum;
    }
}
