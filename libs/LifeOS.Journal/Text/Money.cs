using System.Text.RegularExpressions;

namespace LifeOS.Journal.Text;

/// <summary>An amount of money written in the text.</summary>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="CurrencyAssumed">True when the sign or word is shared by several currencies and the rule picked one ("$" → USD).</param>
/// <param name="WeightAmbiguous">Written with "pounds", which is also a weight; it needs a spending verb to count.</param>
internal sealed record MoneyMention(int Start, int End, double Amount, string Currency, bool CurrencyAssumed, bool WeightAmbiguous);

/// <summary>Finds amounts of money: $12.50, €8, £3.20, 12,50€, 20 EUR, CHF 15, 45 dollars, 60 euros, ₹150, $5k.</summary>
internal static partial class Money
{
    private static readonly Dictionary<string, (string Code, bool Assumed)> Signs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["$"] = ("USD", true), ["US$"] = ("USD", false), ["A$"] = ("AUD", false), ["C$"] = ("CAD", false),
        ["€"] = ("EUR", false), ["£"] = ("GBP", false), ["¥"] = ("JPY", true), ["₹"] = ("INR", false),
        ["dollar"] = ("USD", true), ["dollars"] = ("USD", true), ["bucks"] = ("USD", true),
        ["euro"] = ("EUR", false), ["euros"] = ("EUR", false),
        ["pound"] = ("GBP", false), ["pounds"] = ("GBP", false), ["quid"] = ("GBP", false),
        ["yen"] = ("JPY", false), ["franc"] = ("CHF", true), ["francs"] = ("CHF", true),
        ["rupee"] = ("INR", true), ["rupees"] = ("INR", true),
    };

    public static IReadOnlyList<MoneyMention> Find(string text)
    {
        var found = new List<MoneyMention>();
        foreach (Match match in Pattern().Matches(text))
        {
            var groups = match.Groups;
            var amount = Numbers.Parse(groups["n"].Value) * (groups["k"].Success ? 1000 : 1);
            var (code, assumed) = groups["code"].Success
                ? (groups["code"].Value.ToUpperInvariant(), false)
                : Signs[groups["sign"].Value];
            var weight = groups["sign"].Value.StartsWith("pound", StringComparison.OrdinalIgnoreCase);
            found.Add(new MoneyMention(match.Index, match.Index + match.Length, amount, code, assumed, weight));
        }

        return found;
    }

    private const string Amount = @"(?<n>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:[.,]\d{1,2})?)";

    private const string Codes = "USD|EUR|GBP|CHF|JPY|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|INR|CNY|MXN|BRL|ZAR|SGD|HKD|KRW|TRY|ILS";

    // Currency codes are matched in capitals only, so "eur" inside a word or a lower-case abbreviation is not money.
    [GeneratedRegex(
        @"(?:" +
        @"(?<sign>US\$|A\$|C\$|\$|€|£|¥|₹)\s?" + Amount + @"(?<k>k)?(?![\w])" +
        @"|(?<![\w.,])" + Amount + @"\s?(?<sign>€|£|\$)" +
        @"|(?-i:(?<code>" + Codes + @"))\s?" + Amount + @"(?![\w])" +
        @"|(?<![\w.,])" + Amount + @"\s?(?-i:(?<code>" + Codes + @"))\b" +
        @"|(?<![\w.,])" + Amount + @"\s+(?<sign>dollars?|bucks|euros?|pounds?|quid|yen|francs?|rupees?)\b" +
        @")",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
