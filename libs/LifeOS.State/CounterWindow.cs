namespace LifeOS.State;

/// <summary>A fixed-window counter after an increment: its value and how long until the window ends and it resets.</summary>
public readonly record struct CounterWindow(long Value, TimeSpan Remaining);
