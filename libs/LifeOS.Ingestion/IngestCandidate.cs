using LifeOS.Contracts;

namespace LifeOS.Ingestion;

/// <summary>A validated event waiting to be appended, with its position in the caller's batch.</summary>
public sealed record IngestCandidate(int Index, LifeEvent Event, TopicDefinition Topic, string? ClientId);

/// <summary>An event refused by validation, by its position in the caller's batch.</summary>
public sealed record Rejection(int Index, string Error);

/// <summary>The answer to an ingest call: what was accepted, what was already there, what was refused and why.</summary>
public sealed record IngestResult(
    int Accepted,
    int Duplicates,
    IReadOnlyList<Rejection> Rejected,
    IReadOnlyDictionary<string, DeviceHighSeq> Ledger);

public sealed record DeviceHighSeq(long HighSeq);
