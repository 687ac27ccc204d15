namespace LifeOS.Storage.Postgres.Schema;

/// <summary>Which schema a database got: TimescaleDB hypertables when the extension was available, plain tables otherwise.</summary>
public enum StoreFlavour
{
    /// <summary>Plain PostgreSQL: ordinary tables, BRIN indexes on time, <c>date_bin</c> buckets.</summary>
    PostgreSql,
    /// <summary>TimescaleDB: hypertables, compression, a continuous aggregate, <c>time_bucket</c> buckets.</summary>
    TimescaleDb,
}

/// <summary>The names a flavour has in migration file names, in <c>schema_migrations</c> and in <c>lifeos_store_flavour()</c>.</summary>
public static class StoreFlavourNames
{
    public const string PostgreSql = "postgresql";
    public const string TimescaleDb = "timescaledb";

    public static string ToName(this StoreFlavour flavour) => flavour == StoreFlavour.TimescaleDb ? TimescaleDb : PostgreSql;

    public static StoreFlavour Parse(string name) => name switch
    {
        PostgreSql => StoreFlavour.PostgreSql,
        TimescaleDb => StoreFlavour.TimescaleDb,
        _ => throw new FormatException($"'{name}' is not a store flavour (expected {PostgreSql} or {TimescaleDb})"),
    };
}
