using System.Text.RegularExpressions;
using LifeOS.Journal.Text;

namespace LifeOS.Journal.Rules;

/// <summary>Food and drink consumed: "had eggs and toast for breakfast", "Lunch was a burrito", "Dinner: chicken curry and rice", "ate a banana", "then oatmeal and a coffee".</summary>
/// <remarks>
/// Items come from an eating verb or a meal frame. After a clear eating verb (ate, drank) any plain noun phrase is
/// an item; after a vague one (had, grabbed, got) and in meal frames each item must name a food or drink from the
/// lexicon, so "had a meeting" and "lunch was great" are not food. Things bought ("$9 on coffee") are spending,
/// not food. Items are kept as written, lower-case, without articles, counts or containers.
/// </remarks>
internal sealed partial class FoodRule : IFactRule
{
    public void Apply(RuleContext context)
    {
        var text = context.Text;

        // "X for breakfast": X runs back to an eating verb, an earlier "for <meal>", or the clause start.
        foreach (Match meal in ForMeal().Matches(text))
        {
            var clause = context.ClauseAt(meal.Index);
            var lookBack = context.Before(meal.Index, clause);
            var from = meal.Index - lookBack.Length;
            var verbLed = false;
            foreach (Match verb in EatingVerb().Matches(lookBack))
            {
                from = meal.Index - lookBack.Length + verb.Index + verb.Length;
                verbLed = true;
            }

            foreach (Match earlier in ForMeal().Matches(text[from..meal.Index]))
            {
                from += earlier.Index + earlier.Length;
                verbLed = false;
            }

            if (!verbLed && meal.Groups["at"].Success)
            {
                // "walk at lunch" names a time; only "had soup at lunch" names food.
                continue;
            }

            AddItems(context, from, meal.Index, requireLexicon: true);
        }

        foreach (Match frame in MealFrame().Matches(text))
        {
            var start = frame.Index + frame.Length;
            AddItems(context, start, PhraseLimit(context, start), requireLexicon: true);
        }

        foreach (Match verb in EatingVerb().Matches(text))
        {
            var start = verb.Index + verb.Length;
            var strong = StrongVerb().IsMatch(verb.Value);
            AddItems(context, start, PhraseLimit(context, start), requireLexicon: !strong);
        }

        // A clause that is nothing but food and drink: "then oatmeal and a coffee", "3 coffees".
        foreach (var clause in context.Clauses)
        {
            if (context.NotDoneAt(clause.Start))
            {
                continue;
            }

            var body = ClauseLead().Match(text, clause.Start, clause.Length);
            var start = clause.Start + body.Length;
            var items = Items(text, start, clause.End, out var consumedAll);
            if (consumedAll && items.Count > 0 && items.TrueForAll(item => FoodLexicon.Contains(item.Value.Split(' ')[^1])))
            {
                foreach (var item in items)
                {
                    context.AddText(JournalFields.FoodItems, item.Value, item.Start, item.End, ExplicitConfidence.Named);
                }
            }
        }
    }

    // A food phrase ends with its clause, and never runs longer than the rules look.
    private static int PhraseLimit(RuleContext context, int start) => Math.Min(context.ClauseAt(start).End, start + RuleContext.Reach);

    private static void AddItems(RuleContext context, int start, int end, bool requireLexicon)
    {
        if (end <= start || context.NotDoneAt(start))
        {
            return;
        }

        foreach (var item in Items(context.Text, start, end, out _))
        {
            if (!requireLexicon || FoodLexicon.Contains(item.Value) || item.Value.Split(' ').Any(FoodLexicon.Contains))
            {
                context.AddText(JournalFields.FoodItems, item.Value, item.Start, item.End, ExplicitConfidence.Named);
            }
        }
    }

    private sealed record Item(int Start, int End, string Value);

    // The items in text[start..end): cut at the first word that leaves the food phrase, split on and / , / with.
    private static List<Item> Items(string text, int start, int end, out bool consumedAll)
    {
        var items = new List<Item>();
        var stop = PhraseEnd().Match(text, start, end - start);
        var phraseEnd = stop.Success ? stop.Index : end;
        consumedAll = !stop.Success || string.IsNullOrWhiteSpace(text[stop.Index..end].Trim('.', '!', ' '));
        var cursor = start;
        foreach (var piece in Separator().Split(text[start..phraseEnd]))
        {
            var at = text.IndexOf(piece, cursor, StringComparison.Ordinal);
            cursor = at + piece.Length;
            var lead = Lead().Match(piece);
            var core = piece[lead.Length..];
            var tail = Tail().Match(core);
            if (tail.Success)
            {
                core = core[..tail.Index];
            }

            var trimmed = core.TrimEnd(' ', '.', '!', '?', ':', ')');
            var itemStart = at + lead.Length;
            if (!Plain().IsMatch(trimmed))
            {
                consumedAll = consumedAll && trimmed.Length == 0 && piece.Trim().Length == 0;
                continue;
            }

            items.Add(new Item(itemStart, itemStart + trimmed.Length, trimmed.ToLowerInvariant()));
        }

        return items;
    }

    [GeneratedRegex(@"\b(?:(?<for>for)|(?<at>at|with))\s+(?:a\s+|my\s+|our\s+)?(?:late\s+|quick\s+|light\s+|early\s+|big\s+)?(?:breakfast|brunch|lunch|dinner|supper|dessert|snack)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForMeal();

    // "Lunch was a burrito", "Dinner: chicken curry", "Brunch with Lea at Café Fleury: eggs benedict".
    [GeneratedRegex(@"\b(?:breakfast|brunch|lunch|dinner|supper|dessert|snacks?)\b(?:\s+(?:was|were|is)\s+|\s*[:=–-]\s*|[^.!?;:\n\d]{1,60}:\s*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MealFrame();

    [GeneratedRegex(@"\b(?:ate|eaten|eat|eating|drank|drunk|drink|drinking|devoured|snacked\s+on|munched(?:\s+on)?|had|having|grabbed|got|ordered|enjoyed|tried)\b\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EatingVerb();

    [GeneratedRegex(@"^(?:ate|eaten|eat|eating|drank|drunk|drink|drinking|devoured|snacked|munched)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StrongVerb();

    [GeneratedRegex(@"\G\s*(?:(?:then|and|plus|also|followed\s+by)\s+)*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseLead();

    // Where a food phrase stops: a preposition, a time word, a person ("with Jonas", "with my wife").
    [GeneratedRegex(
        @"\s+(?:for|at|in|from|before|after|while|because|since|until|instead|on|during|which|that|but|so|to|when|as|this|last|today|tonight|yesterday|again|too|afterwards|later|earlier|around|near|by|without)\b" +
        @"|\s+with\s+(?:(?-i:\p{Lu})|my\b|our\b|the\s+(?:kids|family|team)\b|friends\b|family\b|him\b|her\b|them\b|us\b|me\b)" +
        @"|[.!?;:(\n]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhraseEnd();

    [GeneratedRegex(@"\s*,\s*|\s+and\s+|\s*&\s*|\s+plus\s+|\s+with\s+|\s+or\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    // Articles, counts and containers before the food itself.
    [GeneratedRegex(
        @"^\s*(?:(?:a|an|the|some|my|our|his|her|their|more|another|\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|few|a\s+couple\s+of|couple\s+of|lots\s+of|a\s+lot\s+of|a\s+bit\s+of|loads\s+of|half\s+a|extra|x)\s+|(?:bowl|cup|mug|glass|plate|slice|piece|pint|bottle|can|handful|bag|box|bunch|portion|serving|pot|jar|scoop|shot)s?\s+of\s+)*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Lead();

    [GeneratedRegex(@"\s+(?:after|before|today|again|too|as\s+well|afterwards|later|earlier|tonight)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Tail();

    // One to four plain lower-case words (a capital only at the start): no digits, signs, names, verbs or judgements.
    [GeneratedRegex(
        @"^(?!.*\b(?i:was|were|is|are|be|been|had|have|has|got|went|did|do|does)\b)(?!(?i:great|good|nice|late|early|quick|fine|ok|okay|delicious|amazing|awful|bad|meh|skipped|lovely|fun|tasty|long|short|it|that|this|something|nothing|anything|time|a|an|the|lots|much|enough|too|way|so|very|really)\b)\p{L}[\p{Ll}'’-]*(?:\s+\p{Ll}[\p{Ll}'’-]*){0,3}$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Plain();
}
