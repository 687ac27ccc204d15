namespace LifeOS.Storage.Postgres.Schema;

/// <summary>The schema could not be brought up to date; the message says which migration and why.</summary>
public sealed class MigrationException(string message, Exception? inner = null) : Exception(message, inner);
