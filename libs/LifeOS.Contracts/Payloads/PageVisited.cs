namespace LifeOS.Contracts.Payloads;

/// <summary>A browser page event (visit, leave, focus, blur); on leave, how long the page was open.</summary>
public sealed record PageVisited(
    string Url,
    string Action,
    string? Title = null,
    double? DurationSeconds = null,
    string? Browser = null,
    string? TabId = null);
