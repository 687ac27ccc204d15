namespace LifeOS.Contracts.Payloads;

/// <summary>An email the sync script saw; <see cref="Direction"/> is received or sent.</summary>
/// <remarks>Only headers and a snippet travel on the log: mail bodies are large and rarely needed on the timeline.</remarks>
public sealed record EmailMessageSynced(
    string MessageId,
    string Direction,
    string From,
    IReadOnlyList<string>? To = null,
    IReadOnlyList<string>? Cc = null,
    string? Subject = null,
    DateTimeOffset? ReceivedAt = null,
    string? ThreadId = null,
    string? Snippet = null,
    IReadOnlyList<string>? Labels = null);
