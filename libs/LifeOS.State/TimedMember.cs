namespace LifeOS.State;

/// <summary>A member of a time-indexed set and its time, to the millisecond.</summary>
public readonly record struct TimedMember(string Member, DateTimeOffset At);
