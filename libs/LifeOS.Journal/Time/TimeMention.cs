namespace LifeOS.Journal.Time;

/// <summary>A time expression found in the text, relative to the day the entry was written.</summary>
/// <param name="DayOffset">Days before (negative) the entry's date; null when the expression names only a part of the day.</param>
/// <param name="SleepDayOffset">The date of the morning a night's sleep ended: "last night" is a night before, and its sleep ends today.</param>
/// <param name="Weekday">A named weekday, resolved to its most recent occurrence; <paramref name="DayOffset"/> is then null.</param>
/// <param name="StrictlyPast">"last Monday": never the entry's own day.</param>
internal sealed record TimeMention(
    int Start,
    int End,
    int? DayOffset,
    int? SleepDayOffset,
    DayPart Part,
    DayOfWeek? Weekday = null,
    bool StrictlyPast = false)
{
    public bool HasDate => DayOffset is not null || Weekday is not null;
}
