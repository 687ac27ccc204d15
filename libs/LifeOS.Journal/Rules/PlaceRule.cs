using System.Text.RegularExpressions;

namespace LifeOS.Journal.Rules;

/// <summary>Places: common place nouns ("at the gym", "around the lake", "at a cafe"), home and work, and proper names after a place preposition ("in Berlin", "at Blue Bottle", "to Potsdam").</summary>
/// <remarks>
/// Place nouns become lower-case values; proper names stay as written. A place in a negated or planned clause
/// ("didn't make it to the gym", "going to Rome next month") was not visited, and one whose clause is about
/// someone else ("he's moving to Lisbon") is not the writer's.
/// </remarks>
internal sealed partial class PlaceRule : IFactRule
{
    private static readonly HashSet<string> NotPlaces = new(StringComparer.Ordinal)
    {
        "I", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Zoom", "Slack", "Teams", "Netflix", "YouTube", "Christmas", "Easter", "English", "Spanish", "German", "French",
        "Italian", "Python", "Excel", "Mom", "Mum", "Dad", "Grandma", "Grandpa", "The", "A", "My", "Our", "Q1", "Q2", "Q3", "Q4",
    };

    public void Apply(RuleContext context)
    {
        var text = context.Text;

        // Names first, so "at Café Fleury" is the café's name rather than the noun "café".
        foreach (Match match in ProperName().Matches(text))
        {
            var name = match.Groups["name"];
            var words = name.Value.Split(' ');
            if (words.Any(word => NotPlaces.Contains(word) || NotPlaces.Contains(Possessive().Replace(word, ""))))
            {
                continue;
            }

            Add(context, match, name, name.Value);
        }

        // "9 hours at the office" and "8h at work" are both a work duration and a place, so the work rule's claim
        // does not stop them; a place noun is never a person's name, so only an overlapping place does.
        foreach (Match match in PlaceNoun().Matches(text))
        {
            Add(context, match, match.Groups["place"], match.Groups["place"].Value.ToLowerInvariant(), ignoreClaims: true);
        }

        foreach (Match match in HomeOrWork().Matches(text))
        {
            Add(context, match, match.Groups["place"], match.Groups["place"].Value.ToLowerInvariant(), ignoreClaims: true);
        }
    }

    private static void Add(RuleContext context, Match match, Group place, string value, bool ignoreClaims = false)
    {
        var start = place.Index;
        var end = place.Index + place.Length;
        var placed = context.Facts.Any(fact => fact.Field == JournalFields.Places.Name && fact.Span!.Start < end && fact.Span.End > start);
        if (placed || (!ignoreClaims && context.IsClaimed(start, end)) || context.NotDoneAt(match.Index))
        {
            return;
        }

        var clause = context.ClauseAt(match.Index);
        if (SomeoneElse().IsMatch(context.Before(match.Index, clause)))
        {
            return;
        }

        context.AddText(JournalFields.Places, value, start, end, ExplicitConfidence.Named, claim: true);
    }

    [GeneratedRegex(
        @"\b(?:at|in|to|from|around|along|near|into|inside|outside|by)\s+(?:the|a|an|my|our|that|this|local)?\s*" +
        @"(?<place>(?:bouldering|climbing|local)\s+gym|coffee\s+shop|grocery\s+store|farmers['’]?\s+market|(?:train|bus)\s+station|swimming\s+pool|post\s+office|" +
        @"gym|office|park|beach|library|cafe|café|supermarket|store|shop|pool|mall|hospital|dentist|airport|restaurant|pub|bar|cinema|theater|theatre|museum|" +
        @"church|school|university|campus|lake|river|canal|mountains|forest|woods|studio|clinic|station|market|zoo|garden|track|bakery|hotel|club|" +
        @"takeaway|seaside|sea|trail|stadium|gallery|spa|playground|lab|pharmacy|salon|barber|hairdresser|vet|sauna)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlaceNoun();

    [GeneratedRegex(
        @"\b(?:at|from|stayed|stay|staying|went|got|came|back|arrived|worked\s+from|working\s+from)\s+(?<place>home)\b|\b(?:at|to)\s+(?<place>work)\b(?![-\s]?out)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HomeOrWork();

    // One to four capitalised words, with lower-case joiners inside a name ("Rio de Janeiro") but not at its end.
    [GeneratedRegex(
        @"\b(?i:at|in|to|from|around|along|near|into|through|visiting)\s+(?:(?i:the)\s+)?(?<name>\p{Lu}[\p{L}'’&-]*(?:\s+(?:(?:de|la|del|di|am|an|of|on|upon)\s+)?\p{Lu}[\p{L}'’&-]*){0,3})",
        RegexOptions.CultureInvariant)]
    private static partial Regex ProperName();

    [GeneratedRegex(@"['’]s$", RegexOptions.CultureInvariant)]
    private static partial Regex Possessive();

    [GeneratedRegex(@"\b(?:he|she|they|he['’]s|she['’]s|they['’]re|his|her|their)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SomeoneElse();
}
