using System.Text.RegularExpressions;
using LifeOS.Journal.Text;

namespace LifeOS.Journal.Rules;

/// <summary>Money spent: "$12.50 on lunch", "spent 20 EUR", "€8 coffee", "Coffee ₹150", "cost me £14", "Spending: 34 CHF", "spent 7.50 on bread".</summary>
/// <remarks>
/// An amount counts only with a sign of paying: a spending word before it in its clause, the amount opening its
/// clause ("€8 coffee", "£3.20 for a flat white"), or a bought thing named right before it ("lunch was $14").
/// Prices quoted or seen ("costs $1,099", "saw a $999 TV"), purchases the sentence denies, and money received
/// ("got paid $300") are not spending.
/// </remarks>
internal sealed partial class SpendingRule : IFactRule
{
    public void Apply(RuleContext context)
    {
        foreach (var money in context.Money)
        {
            if (context.IsClaimed(money.Start, money.End))
            {
                continue;
            }

            var clause = context.ClauseAt(money.Start);
            var sentence = context.SentenceAt(money.Start);
            var before = context.Before(money.Start, clause);
            var rest = context.After(money.End, clause);
            if (NotBought().IsMatch(context.Around(money.Start, sentence)) || Income().IsMatch(context.Around(money.Start, clause)) || context.NotDoneAt(money.Start))
            {
                continue;
            }

            double confidence;
            if (Cue().IsMatch(before))
            {
                confidence = money.CurrencyAssumed ? ExplicitConfidence.Assumed : ExplicitConfidence.Stated;
            }
            else if (money.WeightAmbiguous)
            {
                // "Lost 2 pounds" is a weight; pounds are money only after a spending word.
                continue;
            }
            else if ((ClauseOpening().IsMatch(before) && ThingAfter().IsMatch(rest)) || BoughtThingBefore().IsMatch(before))
            {
                confidence = ExplicitConfidence.Assumed;
            }
            else
            {
                continue;
            }

            context.AddNumber(JournalFields.SpendingAmount, money.Amount, money.Currency, money.Start, money.End, confidence);
        }

        // An amount without a currency counts only after an unmistakable spending verb: "spent 7.50 on bread".
        foreach (Match match in BareAmount().Matches(context.Text))
        {
            var amount = match.Groups["n"];
            if (!context.IsClaimed(amount.Index, amount.Index + amount.Length) && !context.NotDoneAt(match.Index))
            {
                context.AddNumber(JournalFields.SpendingAmount, Numbers.Parse(amount.Value), null, amount.Index, amount.Index + amount.Length, ExplicitConfidence.Assumed);
            }
        }
    }

    [GeneratedRegex(
        @"\b(?:spent|spend|spending|paid|pay|paying|bought|buy|buying|purchased|ordered|dropped|splurged|blew|shelled\s+out|forked\s+out|treated\s+(?:myself|ourselves|us|me)\s+to|cost\s+(?:me|us)|costing\s+(?:me|us)|set\s+me\s+back|tipped|donated|expenses?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Cue();

    [GeneratedRegex(
        @"\b(?:didn[’']?t|did\s+not|not|never|couldn[’']?t|can[’']?t|won[’']?t)\s+(?:buy|get|afford|pay|spend)\b|\btoo\s+expensive\b|\bnot\s+worth\b|\bwould\s+(?:have\s+)?cost\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotBought();

    [GeneratedRegex(
        @"\b(?:got|get|getting|was|were|been|being)\s+paid\b|\bpaid\s+(?:me|us|back)\b|\b(?:earned|earn|earning|received|receive|won(?![’']t)|found|saved|save|refund(?:ed)?|owe[sd]?|lent|borrowed|salary|income|raise|sold|invoice[sd]?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Income();

    [GeneratedRegex(@"^\s*(?:(?:and|then|plus|also|another|\+)\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseOpening();

    // "€8 coffee", "$12.50 on lunch", "€15 for the drop-in" (but not "on sale").
    [GeneratedRegex(@"^\s*(?:on\s+(?!sale\b)|for\s+)?\p{L}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThingAfter();

    [GeneratedRegex(
        @"\b(?:coffee|coffees|lunch|dinner|breakfast|brunch|groceries|taxi|uber|cab|parking|tickets?|drinks|snacks|gas|petrol|fuel|haircut|rent|bill|fare|beer|beers|wine|pizza|takeaway|delivery)\s*(?:was|were|came\s+to|cost|:|=|-|–)?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BoughtThingBefore();

    [GeneratedRegex(
        @"\b(?:spent|paid|dropped)\s+(?:about\s+|around\s+|like\s+|roughly\s+|only\s+|just\s+)?(?<n>\d+(?:[.,]\d{1,2})?)\s+(?:on|for)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareAmount();
}
