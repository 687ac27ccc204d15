namespace LifeOS.Journal;

/// <summary>The time a fact refers to: the local date, the part of the day when the text says one, and an instant for samples.</summary>
/// <remarks>
/// Sleep is dated by the morning it ended. <see cref="Instant"/> is never later than the entry itself: a journal
/// reports what happened, so "this evening" written at 15:00 is placed at the entry time.
/// </remarks>
public sealed record FactTime(DateOnly Date, DayPart Part, DateTimeOffset Instant);

/// <summary>A part of the day named in the text; <see cref="Day"/> when none is.</summary>
public enum DayPart
{
    Day,
    Morning,
    Afternoon,
    Evening,
    Night,
}
