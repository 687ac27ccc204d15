namespace LifeOS.Contracts.Payloads;

/// <summary>A free-text journal entry, before parsing.</summary>
public sealed record JournalEntryWritten(string Text, string? Title = null, IReadOnlyList<string>? Tags = null);
