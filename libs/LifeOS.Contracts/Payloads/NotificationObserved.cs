namespace LifeOS.Contracts.Payloads;

/// <summary>A system notification was posted, removed or clicked.</summary>
public sealed record NotificationObserved(
    string App,
    string Action,
    string? NotificationId = null,
    string? Title = null,
    string? Text = null,
    string? Category = null);
