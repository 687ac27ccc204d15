namespace LifeOS.Contracts.Payloads;

/// <summary>A calendar event as the sync script last saw it; a later sync of the same id supersedes it.</summary>
public sealed record CalendarEventSynced(
    string EventId,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? Title = null,
    bool? AllDay = null,
    string? Location = null,
    string? Description = null,
    IReadOnlyList<string>? Attendees = null,
    string? Status = null,
    string? Calendar = null);
