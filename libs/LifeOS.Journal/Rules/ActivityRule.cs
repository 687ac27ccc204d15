using System.Text.RegularExpressions;

namespace LifeOS.Journal.Rules;

/// <summary>Everyday activities from a fixed vocabulary: reading, cooking, meditation, cleaning, tv, movie, nap, studying, board games, guitar, dog walking, ...</summary>
/// <remarks>
/// "read" counts when it is about a book (or "read before bed"), not "read the email"; TV counts when watched, not
/// "saw a TV". Negated or planned clauses ("need to do laundry") are left out. Exercise has its own field.
/// </remarks>
internal sealed partial class ActivityRule : IFactRule
{
    private static readonly string[] Names =
    [
        "reading", "cooking", "baking", "meditation", "cleaning", "laundry", "gardening", "tv", "movie", "gaming",
        "boardgames", "studying", "shopping", "guitar", "piano", "nap", "podcast", "dogwalking", "sauna", "painting", "concert",
    ];

    public void Apply(RuleContext context)
    {
        foreach (Match match in Activity().Matches(context.Text))
        {
            if (context.NotDoneAt(match.Index))
            {
                continue;
            }

            var name = Names.First(candidate => match.Groups[candidate].Success);
            var value = name switch
            {
                "boardgames" => "board games",
                "dogwalking" => "dog walking",
                _ => name,
            };

            if (name == "reading" && match.Groups["readpast"].Success && !Book().IsMatch(context.Around(match.Index, context.SentenceAt(match.Index))))
            {
                continue;
            }

            context.AddText(JournalFields.Activities, value, match.Index, match.Index + match.Length, ExplicitConfidence.Named);
        }
    }

    [GeneratedRegex(
        @"\b(?:" +
        @"(?<reading>reading(?!\s+glasses)|read\s+(?:for|before|in\s+bed|until|a\s+(?:book|novel|chapter)|(?:the|my|some|another)\s+(?:book|novel|chapter|pages|comics?))|(?<readpast>read))" +
        @"|(?<cooking>cooked|cooking)" +
        @"|(?<baking>baked|baking)" +
        @"|(?<meditation>meditated|meditating|meditation|meditate)" +
        @"|(?<cleaning>cleaned|cleaning|tidied|tidying|vacuumed|vacuuming)" +
        @"|(?<laundry>laundry)" +
        @"|(?<gardening>gardening|gardened|weeded|weeding)" +
        @"|(?<tv>(?:watched|watching)\s+(?:some\s+|a\s+lot\s+of\s+)?(?:tv|television|netflix|a\s+(?:show|series|documentary)|an\s+episode|episodes))" +
        @"|(?<movie>(?:watched|watching|saw)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:movie|film)|went\s+to\s+the\s+(?:cinema|movies)|movie\s+night)" +
        @"|(?<boardgames>board\s+games?)" +
        @"|(?<gaming>video\s+games?|gaming|played\s+(?:some\s+)?games)" +
        @"|(?<studying>studied|studying|study\s+session)" +
        @"|(?<shopping>went\s+shopping|shopping(?!\s+list))" +
        @"|(?<guitar>(?:played|playing|practiced|practised)\s+(?:the\s+|my\s+)?guitar|guitar\s+practice)" +
        @"|(?<piano>(?:played|playing|practiced|practised)\s+(?:the\s+)?piano|piano\s+practice)" +
        @"|(?<nap>nap|napped|napping|naps)" +
        @"|(?<podcast>podcasts?)" +
        @"|(?<dogwalking>walked\s+the\s+dog|walking\s+the\s+dog|walk\s+the\s+dog|dog\s+walk)" +
        @"|(?<sauna>sauna)" +
        @"|(?<painting>painted|painting)" +
        @"|(?<concert>concert)" +
        @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Activity();

    [GeneratedRegex(@"\b(?:book|books|novel|chapter|chapters|pages|comic|comics|magazine|kindle)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Book();
}
