using LifeOS.Storage.Postgres.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LifeOS.PgBench;

/// <summary>The benchmark's databases on one server: created and migrated fresh for each side of each round, dropped after.</summary>
internal sealed class BenchDatabases(string adminConnectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString);
    private readonly List<string> _created = [];

    /// <summary>A new database with the store's schema, migrated by the same migrator the services use; both sides load into identical tables.</summary>
    public async Task<string> CreateMigratedAsync(string prefix, CancellationToken cancellationToken)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40];
        await ExecuteAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        _created.Add(name);
        var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new PostgresMigrator(dataSource, NullLogger.Instance).MigrateAsync(cancellationToken);
        return connectionString;
    }

    public async Task DropAsync(string connectionString, CancellationToken cancellationToken)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);
        _created.Remove(name);
    }

    /// <summary>Starts each timed load with a clean WAL position, so neither side pays for the other's checkpoint.</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync("CHECKPOINT", cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // Not allowed on a shared server: the alternating order of the rounds has to even it out.
        }
    }

    public async Task<string> DescribeServerAsync()
    {
        await using var command = _admin.CreateCommand("""
            SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers'),
                   current_setting('max_wal_size'), EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"{reader.GetString(0).Split(" on ")[0]}; fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, "
            + $"shared_buffers={reader.GetString(3)}, max_wal_size={reader.GetString(4)}; "
            + (reader.GetBoolean(5) ? "TimescaleDB available" : "no TimescaleDB (plain PostgreSQL flavour)")
            + $"; {Environment.ProcessorCount} CPU(s) visible";
    }

    /// <summary>Null when both databases hold the expected rows, identical in both; else what differs.</summary>
    public static async Task<string?> CompareAsync(string store, string copy, int events, int samples, CancellationToken cancellationToken)
    {
        // An order-independent digest of every stored column, so "same rows" means same content, not just same counts.
        const string digest = """
            SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM samples),
                   (SELECT sum(hashtext(user_id || device || seq || id || type || time::text || data::text)::bigint) FROM events),
                   (SELECT sum(hashtext(user_id || type || time::text || event_id || device || value::text)::bigint) FROM samples)
            """;
        var a = await DigestAsync(store, digest, cancellationToken);
        var b = await DigestAsync(copy, digest, cancellationToken);
        if (a != b)
            return $"store {a}, copy {b}";
        return a.Events == events && a.Samples == samples ? null : $"expected {events} events and {samples} samples, found {a}";
    }

    private static async Task<(long Events, long Samples, long EventDigest, long SampleDigest)> DigestAsync(
        string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<decimal>(2) is var e ? (long)(e % long.MaxValue) : 0,
            reader.GetFieldValue<decimal>(3) is var s ? (long)(s % long.MaxValue) : 0);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _admin.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in _created.ToList())
        {
            await using var command = _admin.CreateCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            await command.ExecuteNonQueryAsync();
        }

        await _admin.DisposeAsync();
    }
}
