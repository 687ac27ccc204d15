using LifeOS.Journal.Text;

namespace LifeOS.Journal.Time;

/// <summary>Answers "what time does the fact at this offset refer to?" for one entry.</summary>
/// <remarks>
/// A date expression holds from the start of its sentence until the next date expression ("Yesterday was rough.
/// Slept 5h." are both yesterday); within a sentence with two, a fact takes the nearest one before it. A part of
/// the day ("this morning") holds only within its sentence.
/// </remarks>
internal sealed class TimeContext
{
    private static readonly Dictionary<DayPart, TimeSpan> PartClock = new()
    {
        [DayPart.Morning] = TimeSpan.FromHours(8),
        [DayPart.Afternoon] = TimeSpan.FromHours(14),
        [DayPart.Evening] = TimeSpan.FromHours(19),
        [DayPart.Night] = TimeSpan.FromHours(22),
    };

    // Sleep samples sit at the morning the night ended.
    private static readonly TimeSpan WakeClock = TimeSpan.FromHours(7);

    private readonly DateTimeOffset _entryTime;
    private readonly TimeZoneInfo? _zone;
    private readonly DateOnly _entryDate;
    private readonly List<TimeMention> _dated;
    private readonly List<TimeMention> _parted;
    private readonly IReadOnlyList<TextRange> _sentences;

    public TimeContext(string text, IReadOnlyList<TextRange> sentences, DateTimeOffset entryTime, TimeZoneInfo? zone)
    {
        _entryTime = entryTime;
        _zone = zone;
        var local = zone is null ? entryTime : TimeZoneInfo.ConvertTime(entryTime, zone);
        _entryDate = DateOnly.FromDateTime(local.DateTime);
        _sentences = sentences;
        var mentions = TimeMentions.Find(text);
        _dated = mentions.Where(mention => mention.HasDate).ToList();
        _parted = mentions.Where(mention => mention.Part != DayPart.Day).ToList();
    }

    /// <summary>The time of the first date expression, or the entry's own time.</summary>
    public FactTime About => _dated.Count > 0
        ? Build(DateOf(_dated[0], sleep: false), _dated[0].Part)
        : new FactTime(_entryDate, DayPart.Day, _entryTime);

    /// <summary>The time the fact stated at <paramref name="index"/> refers to; sleep facts are dated by the morning the night ended.</summary>
    public FactTime At(int index, bool sleep = false)
    {
        var sentence = Rules.RuleContext.Find(_sentences, index);
        var dated = Choose(_dated, index, sentence, carryOver: true);
        var parted = Choose(_parted, index, sentence, carryOver: false);
        var date = dated is null ? _entryDate : DateOf(dated, sleep);
        if (sleep)
        {
            return new FactTime(date, DayPart.Night, Clamp(LocalInstant(date, WakeClock)));
        }

        return Build(date, parted?.Part ?? DayPart.Day);
    }

    // Mentions are in text order: binary search the ones inside the sentence, else the last one before it.
    private static TimeMention? Choose(List<TimeMention> mentions, int index, TextRange sentence, bool carryOver)
    {
        var first = FirstFrom(mentions, sentence.Start);
        var end = FirstFrom(mentions, sentence.End);
        if (first < end)
        {
            var atOrBefore = FirstFrom(mentions, index + 1) - 1;
            return atOrBefore >= first && atOrBefore < end ? mentions[atOrBefore] : mentions[first];
        }

        return carryOver && first > 0 ? mentions[first - 1] : null;
    }

    private static int FirstFrom(List<TimeMention> mentions, int position) => Ordered.FirstFrom(mentions, mention => mention.Start, position);

    private DateOnly DateOf(TimeMention mention, bool sleep)
    {
        if (mention.Weekday is { } weekday)
        {
            var back = ((int)_entryDate.DayOfWeek - (int)weekday + 7) % 7;
            if (back == 0 && mention.StrictlyPast)
            {
                back = 7;
            }

            return _entryDate.AddDays(-back);
        }

        return _entryDate.AddDays((sleep ? mention.SleepDayOffset : mention.DayOffset) ?? 0);
    }

    private FactTime Build(DateOnly date, DayPart part)
    {
        if (part != DayPart.Day)
        {
            return new FactTime(date, part, Clamp(LocalInstant(date, PartClock[part])));
        }

        // A whole day other than the entry's own sits at its noon, so daily buckets put it on the right day.
        return date == _entryDate
            ? new FactTime(date, part, _entryTime)
            : new FactTime(date, part, Clamp(LocalInstant(date, TimeSpan.FromHours(12))));
    }

    private DateTimeOffset Clamp(DateTimeOffset instant) => instant > _entryTime ? _entryTime : instant;

    private DateTimeOffset LocalInstant(DateOnly date, TimeSpan clock)
    {
        var local = date.ToDateTime(TimeOnly.FromTimeSpan(clock), DateTimeKind.Unspecified);
        if (_zone is null)
        {
            return new DateTimeOffset(local, _entryTime.Offset);
        }

        // A clock time skipped by a daylight-saving jump does not exist; the hour after it does.
        if (_zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, _zone.GetUtcOffset(local));
    }
}
