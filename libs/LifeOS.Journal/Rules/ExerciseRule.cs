using System.Text.RegularExpressions;
using LifeOS.Journal.Text;

namespace LifeOS.Journal.Rules;

/// <summary>Exercise type, duration and distance: "ran 5k in 27 minutes", "45 min of yoga", "bike ride, 32 km, about 1h40", "swam 1500m".</summary>
/// <remarks>
/// Each sentence's exercise words are anchors; every duration and distance in the sentence goes to the nearest
/// word, which may be a non-exercise one ("3 hour drive", "20 minute nap") that takes it out of play. Weak words
/// need support: a walk counts when it has a duration or distance or is "went for a walk", and "gym" only when
/// nothing more specific is said ("went to the gym, lifted weights" is strength). Negated and planned clauses
/// ("skipped the gym", "planning to run a 10k") hold no exercise.
/// </remarks>
internal sealed partial class ExerciseRule : IFactRule
{
    private static readonly string[] Types =
    [
        "running", "cycling", "swimming", "walking", "hiking", "yoga", "pilates", "strength", "workout", "gym",
        "rowing", "climbing", "tennis", "football", "basketball", "badminton", "squash", "skiing", "dancing", "boxing",
    ];

    // A bare "5k" sits right next to its exercise word ("ran 5k", "5k run", "My run today: 10K").
    private const int BareKReach = 10;

    private enum Support
    {
        Stated,
        NeedsMeasure,
        Generic,
    }

    private sealed record Anchor(int Start, int End, string Type, Support Support);

    // One per exercise word: "ran 5k in the morning and ran 3k at night" is two runs, each with its own distance.
    private sealed class Session(Anchor anchor)
    {
        public Anchor Anchor { get; } = anchor;

        public string Type => Anchor.Type == "gym" ? "workout" : Anchor.Type;

        public DurationMention? Duration { get; set; }

        public DistanceMention? Distance { get; set; }
    }

    public void Apply(RuleContext context)
    {
        var anchors = FindAnchors(context);
        var others = Other().Matches(context.Text).Select(match => new TextRange(match.Index, match.Index + match.Length)).ToList();
        foreach (var sentence in context.Sentences)
        {
            var here = Ordered.Within(anchors, anchor => anchor.Start, sentence).ToList();
            if (here.Count == 0)
            {
                continue;
            }

            if (here.Exists(anchor => anchor.Support != Support.Generic))
            {
                here.RemoveAll(anchor => anchor.Support == Support.Generic);
            }

            var sessions = here.Select(anchor => new Session(anchor)).ToList();
            Assign(context, sentence, sessions, Ordered.Within(others, other => other.Start, sentence).ToList());
            foreach (var session in sessions)
            {
                Emit(context, sentence, session);
            }
        }
    }

    private static void Assign(RuleContext context, TextRange sentence, List<Session> sessions, List<TextRange> others)
    {
        var text = context.Text;
        foreach (var duration in Ordered.Within(context.Durations, duration => duration.Start, sentence))
        {
            if (context.IsClaimed(duration.Start, duration.End)
                || (duration.ClockStyle && !InOrFor().IsMatch(context.Before(duration.Start, sentence, 30))))
            {
                continue;
            }

            if (Nearest(sessions, others, context.ClauseAt(duration.Start), duration.Start, duration.End, out _) is { Duration: null } session)
            {
                session.Duration = duration;
            }
        }

        foreach (var distance in Ordered.Within(context.Distances, distance => distance.Start, sentence))
        {
            if (context.IsClaimed(distance.Start, distance.End))
            {
                continue;
            }

            if (Nearest(sessions, others, context.ClauseAt(distance.Start), distance.Start, distance.End, out var gap) is { Distance: null } session
                && (!distance.BareK || gap <= BareKReach))
            {
                session.Distance = distance;
            }
        }
    }

    // The session whose word is closest to the measurement, or null when a non-exercise word is closer. Words in
    // the measurement's own clause come first ("ran 5k in 27 minutes, then eggs for breakfast" keeps the 27 minutes
    // with the run); a clause with no such word ("Bike ride, 32 km, about 1h40") looks across its sentence. Only
    // words within reach are weighed.
    private static Session? Nearest(List<Session> sessions, List<TextRange> others, TextRange clause, int start, int end, out int gap)
    {
        var reach = new TextRange(start - RuleContext.Reach, end + RuleContext.Reach);
        var near = Ordered.Within(sessions, session => session.Anchor.Start, reach).ToList();
        var nearOthers = Ordered.Within(others, other => other.Start, reach).ToList();
        var inClause = near.Exists(session => clause.Overlaps(session.Anchor.Start, session.Anchor.End))
            || nearOthers.Exists(other => clause.Overlaps(other.Start, other.End));
        bool Eligible(int wordStart, int wordEnd) => !inClause || clause.Overlaps(wordStart, wordEnd);

        Session? best = null;
        gap = int.MaxValue;
        foreach (var session in near.Where(session => Eligible(session.Anchor.Start, session.Anchor.End)))
        {
            var distance = Gap(session.Anchor.Start, session.Anchor.End, start, end);
            if (distance < gap)
            {
                (best, gap) = (session, distance);
            }
        }

        foreach (var other in nearOthers.Where(other => Eligible(other.Start, other.End)))
        {
            if (Gap(other.Start, other.End, start, end) < gap)
            {
                return null;
            }
        }

        return best;
    }

    private static int Gap(int aStart, int aEnd, int bStart, int bEnd) =>
        aEnd <= bStart ? bStart - aEnd : bEnd <= aStart ? aStart - bEnd : 0;

    private static void Emit(RuleContext context, TextRange sentence, Session session)
    {
        var anchor = session.Anchor;
        var supported = anchor.Support == Support.Stated
            || session.Duration is not null || session.Distance is not null
            || (session.Type == "walking" && WalkPhrase().IsMatch(context.Around(anchor.Start, sentence)))
            || (session.Type == "workout" && GymPhrase().IsMatch(context.Around(anchor.Start, sentence)));
        if (!supported)
        {
            return;
        }

        context.AddText(JournalFields.ExerciseType, session.Type, anchor.Start, anchor.End, ExplicitConfidence.Named);
        if (session.Distance is { } distance)
        {
            var confidence = distance.UnitStated && !distance.BareK ? ExplicitConfidence.Stated : ExplicitConfidence.Assumed;
            context.AddNumber(JournalFields.ExerciseDistance, distance.Kilometres, "km", distance.Start, distance.End, confidence);
        }

        if (session.Duration is { } duration)
        {
            context.AddNumber(JournalFields.ExerciseDuration, duration.Minutes, "min", duration.Start, duration.End, ExplicitConfidence.Assumed);
        }
    }

    private static List<Anchor> FindAnchors(RuleContext context)
    {
        var text = context.Text;
        var anchors = new List<Anchor>();
        foreach (Match match in Word().Matches(text))
        {
            var start = match.Index;
            var end = match.Index + match.Length;
            var type = Types.First(name => match.Groups[name].Success);
            if (context.IsClaimed(start, end) || context.NotDoneAt(start)
                || NotExerciseAfter().IsMatch(text, end) || NotExerciseBefore().IsMatch(context.Before(start, context.SentenceAt(start), 40)))
            {
                continue;
            }

            var support = type switch
            {
                "walking" => Support.NeedsMeasure,
                "gym" => Support.Generic,
                _ => Support.Stated,
            };
            anchors.Add(new Anchor(start, end, type, support));
        }

        return anchors;
    }

    [GeneratedRegex(
        @"\b(?:" +
        @"(?<running>(?:a\s+)?half[\s-]marathon|marathon|ran|run|runs|running|jog|jogs|jogged|jogging)" +
        @"|(?<cycling>cycled|cycling|biked|biking|bike\s+ride|rode\s+(?:my|the|a)\s+bike|spin\s+class|spinning\s+class|peloton)" +
        @"|(?<swimming>swam|swim|swimming|swims)" +
        @"|(?<walking>walked|walk|walking|walks)" +
        @"|(?<hiking>hiked|hike|hiking|hikes)" +
        @"|(?<yoga>yoga)" +
        @"|(?<pilates>pilates)" +
        @"|(?<strength>lifted\s+(?:weights|heavy)|lifting|weightlifting|weight\s+training|strength\s+training|leg\s+day|deadlifts?|squats|bench\s+press)" +
        @"|(?<workout>worked\s+out|work(?:ed)?[\s-]?outs?|hiit|crossfit|circuit\s+training)" +
        @"|(?<gym>gym)" +
        @"|(?<rowing>rowed|rowing|erg)" +
        @"|(?<climbing>climbed|climbing|bouldering|bouldered)" +
        @"|(?<tennis>tennis)" +
        @"|(?<football>football|soccer)" +
        @"|(?<basketball>basketball)" +
        @"|(?<badminton>badminton)" +
        @"|(?<squash>(?<=played\s+)squash)" +
        @"|(?<skiing>skied|skiing)" +
        @"|(?<dancing>danced|dancing|dance\s+class)" +
        @"|(?<boxing>boxing)" +
        @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    // Idioms that use an exercise verb for something else.
    [GeneratedRegex(
        @"\G(?:\s+(?:out|into|late|low|errands?|away|behind|short|over|across|off|dry|amok|the\s+(?:meeting|numbers|show|risk|dishwasher|washing|business|team|call|errands?|bath|tap|program|script|tests?|house)|a\s+(?:meeting|business|bath|company|workshop|risk|errand|fever|tab|program|script|test)|by\s+(?:me|him|her|them)|through\s+(?:the\s+)?(?:numbers|slides|it|this|that|my))\b" +
        @"|\s+(?:shoes|gear|tights|clothes|water|nose|joke|total|list|costs?|suit|trunks|cap|lessons?|instructor)\b" +
        @"|\s+the\s+dog\b|-in\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotExerciseAfter();

    [GeneratedRegex(
        @"(?:\bin\s+the\s+long\s+|\b(?:dry|test|trial|production|print|school|bank|supply|beer|grocery|coffee)\s+|\b(?:watched|watching|watch)\s+(?:the\s+|some\s+)?|\b(?:bouldering|climbing)\s+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotExerciseBefore();

    // Words that own a duration without being exercise: a duration next to them is not a workout's.
    [GeneratedRegex(
        @"\b(?:drive|drove|driving|flight|flew|meeting|meetings|call|calls|commute|break|nap|napped|napping|wait|waited|queue|train|bus|read|reading|studied|studying|meditated|meditating|meditation|cooked|cooking|cleaned|cleaning|gardening|watched|movie|film|tv|podcast|gaming|walked\s+the\s+dog|walking\s+the\s+dog|played\s+(?:the\s+)?(?:guitar|piano|games|video\s+games|board\s+games)|sauna|shift|work|worked|slept|sleep|lunch|dinner|breakfast)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Other();

    [GeneratedRegex(@"\b(?:in|for|took|taking)\s*(?:about|around|roughly|just|under|over)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InOrFor();

    [GeneratedRegex(@"\b(?:went\s+for|go\s+for|took|had|did|a|an)\s+(?:\w+\s+)?walk\b|\b(?:long|short|quick|brisk|nice|lovely|morning|evening|afternoon|lunch|lunchtime)\s+walk\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WalkPhrase();

    [GeneratedRegex(@"\b(?:went\s+to|hit|at)\s+the\s+gym\b|\bgym\s+(?:session|workout|time)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GymPhrase();
}
