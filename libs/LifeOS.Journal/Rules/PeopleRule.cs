using System.Text.RegularExpressions;

namespace LifeOS.Journal.Rules;

/// <summary>People: names after a social cue ("with Anna and Tom", "met Sarah", "texted Priya", "ran into Tom") and relatives ("called my dad", "visit grandma", "took the kids").</summary>
/// <remarks>
/// Names are kept as written; relatives become the lower-case relation word ("mom", "sister"). Generic groups
/// (friends, the family, the team) name no one in particular and are left out. Brands and calendar words that are
/// capitalised like names ("with Netflix", "met on Monday") are not people.
/// </remarks>
internal sealed partial class PeopleRule : IFactRule
{
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "I", "I'm", "I’m", "I've", "The", "A", "An", "My", "Our", "His", "Her", "Their", "It", "This", "That", "We", "He", "She", "They",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Netflix", "Zoom", "Slack", "Teams", "Google", "YouTube", "Spotify", "Instagram", "Facebook", "Twitter", "TikTok",
        "WhatsApp", "Uber", "Amazon", "Christmas", "Easter", "God", "English", "Spanish", "German", "French", "Italian",
        "HIIT", "TV", "OK", "Ok", "Mom", "Mum", "Dad", "Grandma", "Grandpa", "Granny",
    };

    public void Apply(RuleContext context)
    {
        var text = context.Text;
        foreach (Match cue in Cue().Matches(text))
        {
            var relativesOnly = cue.Groups["took"].Success;
            var position = cue.Index + cue.Length;
            while (true)
            {
                var person = Person().Match(text, position);
                if (!person.Success || person.Index != position)
                {
                    break;
                }

                var name = person.Groups["name"];
                var relation = person.Groups["rel"];
                if (relation.Success)
                {
                    context.AddText(JournalFields.People, relation.Value.ToLowerInvariant(), relation.Index, relation.Index + relation.Length, ExplicitConfidence.Named, claim: true);
                }
                else if (!relativesOnly && name.Value.Split(' ').All(word => !NotNames.Contains(word)))
                {
                    context.AddText(JournalFields.People, name.Value, name.Index, name.Index + name.Length, ExplicitConfidence.Named, claim: true);
                }
                else
                {
                    break;
                }

                var next = ListSeparator().Match(text, person.Index + person.Length);
                if (!next.Success || next.Index != person.Index + person.Length)
                {
                    break;
                }

                position = next.Index + next.Length;
            }
        }

        foreach (Match subject in Subject().Matches(text))
        {
            var name = subject.Groups["name"];
            if (!NotNames.Contains(name.Value))
            {
                context.AddText(JournalFields.People, name.Value, name.Index, name.Index + name.Length, ExplicitConfidence.Named, claim: true);
            }
        }
    }

    [GeneratedRegex(
        @"\b(?:with|met|meeting|saw|seeing|visited|visiting|visit|called|phoned|rang|texted|messaged|emailed|facetimed|hugged|helped|babysat|joined|" +
        @"(?:talked|spoke|chatted|talking|speaking|chatting)\s+(?:to|with)|hung\s+out\s+with|ran\s+into|bumped\s+into|caught\s+up\s+with|date\s+with|" +
        @"(?<took>took|taking|picked\s+up|dropped\s+off))\s+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Cue();

    // A relative (with "my", or "the kids") or a capitalised name of one or two words; a possessive 's is not part of it.
    [GeneratedRegex(
        @"\G(?:(?:(?i:my|our)\s+|(?i:the)\s+(?=(?i:kids|children|baby)\b))(?<rel>(?i:mom|mum|mother|dad|father|parents|sister|brother|wife|husband|partner|girlfriend|boyfriend|fianc[ée]e?|son|daughter|kids|children|baby|boss|manager|grandma|grandmother|granny|grandpa|grandfather|grandparents|cousin|aunt|uncle|niece|nephew|neighbou?r|roommate|flatmate|in-laws|best\s+friend|therapist))\b" +
        @"|(?<rel>(?i:mom|mum|dad|grandma|grandpa|granny))\b" +
        @"|(?<name>\p{Lu}\p{Ll}[\p{L}'’-]*?(?:\s+\p{Lu}\p{Ll}[\p{L}-]*)?)(?:['’]s)?\b(?!\s+(?:Street|St|Road|Rd|Avenue|Ave|Park|Cafe|Café|Bar|Restaurant|Hotel)\b))",
        RegexOptions.CultureInvariant)]
    private static partial Regex Person();

    [GeneratedRegex(@"\G(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();

    // "Tom came over", "Anna and I went ..." — a name as the subject of a social verb.
    [GeneratedRegex(
        @"\b(?<name>\p{Lu}\p{Ll}+)\s+(?:and\s+I\b|came\s+over|called\s+me|texted\s+me|visited\s+(?:me|us)|stopped\s+by|dropped\s+by|joined\s+(?:me|us)|and\s+me\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Subject();
}
