namespace LifeOS.Storage.Postgres.Schema;

/// <summary>What one migrator run did: the flavour (and why), what it applied now and what was there before.</summary>
public sealed record MigrationReport(
    StoreFlavour Flavour,
    string FlavourReason,
    IReadOnlyList<string> Applied,
    int AlreadyApplied,
    int Version);
