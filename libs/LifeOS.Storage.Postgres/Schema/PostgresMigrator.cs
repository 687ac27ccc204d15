using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LifeOS.Storage.Postgres.Schema;

/// <summary>Applies the embedded migrations that a database lacks, one migrator at a time, and records each in <c>schema_migrations</c>.</summary>
/// <remarks>
/// A session-level advisory lock serialises migrators: a second one (another replica, a re-run job) waits, then finds
/// nothing left to do. The flavour is chosen once, on a database's first migration, and kept from then on.
/// </remarks>
public sealed class PostgresMigrator(NpgsqlDataSource dataSource, ILogger logger)
{
    /// <summary>The advisory lock key migrators take ("LifeOS" in ASCII, then 1).</summary>
    public const long AdvisoryLockKey = 0x4C6966654F5301;

    private const string CreateTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     int PRIMARY KEY,
            name        text NOT NULL,
            flavour     text NOT NULL,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now(),
            duration_ms int NOT NULL
        )
        """;

    /// <summary>Forces a flavour for a database's first migration instead of detecting it; null detects.</summary>
    public StoreFlavour? Flavour { get; init; }

    public async Task<MigrationReport> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, CreateTableSql, cancellationToken).ConfigureAwait(false);
            var applied = await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false);
            var (flavour, reason) = await ChooseFlavourAsync(connection, applied, cancellationToken).ConfigureAwait(false);
            var migrations = MigrationCatalog.For(flavour);
            Verify(applied, migrations);

            var done = new List<string>();
            foreach (var migration in migrations.Where(m => !applied.ContainsKey(m.Version)))
            {
                await ApplyAsync(connection, migration, flavour, cancellationToken).ConfigureAwait(false);
                done.Add(migration.ToString());
            }

            var version = Math.Max(applied.Count == 0 ? 0 : applied.Keys.Max(), migrations.Max(m => m.Version));
            return new MigrationReport(flavour, reason, done, applied.Count, version);
        }
        finally
        {
            // Closing the session would release it too; unlocking explicitly returns a clean connection to the pool.
            if (connection.State == System.Data.ConnectionState.Open)
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task LockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var attempt = new NpgsqlCommand($"SELECT pg_try_advisory_lock({AdvisoryLockKey})", connection);
        if ((bool)(await attempt.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            return;

        logger.LogInformation("Another migrator is applying migrations to this database; waiting for it to finish");
        await using var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection) { CommandTimeout = 0 };
        await wait.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Dictionary<int, (string Name, string Flavour, string Checksum)>> ReadAppliedAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, (string, string, string)>();
        await using var command = new NpgsqlCommand("SELECT version, name, flavour, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2), reader.GetString(3));
        return applied;
    }

    private async Task<(StoreFlavour Flavour, string Reason)> ChooseFlavourAsync(
        NpgsqlConnection connection, Dictionary<int, (string Name, string Flavour, string Checksum)> applied, CancellationToken cancellationToken)
    {
        if (applied.Count > 0)
        {
            var flavours = applied.Values.Select(a => a.Flavour).Distinct(StringComparer.Ordinal).ToList();
            if (flavours.Count != 1)
                throw new MigrationException($"schema_migrations mixes flavours ({string.Join(", ", flavours)}); this database was not migrated by LifeOS");
            var existing = StoreFlavourNames.Parse(flavours[0]);
            return Announce(existing, $"kept from this database's first migration ({flavours[0]})");
        }

        var (installed, available) = await TimescaleStateAsync(connection, cancellationToken).ConfigureAwait(false);
        if (Flavour == StoreFlavour.PostgreSql)
            return Announce(StoreFlavour.PostgreSql, "forced by configuration");
        if (installed)
            return Announce(StoreFlavour.TimescaleDb, "the timescaledb extension is installed in this database");
        if (!available)
        {
            if (Flavour == StoreFlavour.TimescaleDb)
                throw new MigrationException("the TimescaleDB flavour was requested, but pg_available_extensions has no timescaledb on this server");
            return Announce(StoreFlavour.PostgreSql, "TimescaleDB is not available on this server (pg_available_extensions has no timescaledb)");
        }

        try
        {
            await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS timescaledb", cancellationToken).ConfigureAwait(false);
            return Announce(StoreFlavour.TimescaleDb, "the timescaledb extension was available and is now installed");
        }
        catch (PostgresException ex) when (Flavour is null)
        {
            // Typically: installed but not in shared_preload_libraries. Plain tables give the same answers, only slower at scale.
            return Announce(StoreFlavour.PostgreSql, $"TimescaleDB is available but CREATE EXTENSION failed ({ex.SqlState}: {ex.MessageText})");
        }
    }

    private (StoreFlavour, string) Announce(StoreFlavour flavour, string reason)
    {
        if (flavour == StoreFlavour.TimescaleDb)
            logger.LogInformation("Store flavour: TimescaleDB (hypertables, compression, continuous aggregate, time_bucket): {Reason}", reason);
        else
            logger.LogInformation("Store flavour: plain PostgreSQL (ordinary tables, BRIN indexes, date_bin): {Reason}", reason);
        return (flavour, reason);
    }

    private static async Task<(bool Installed, bool Available)> TimescaleStateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'),
                   EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetBoolean(0), reader.GetBoolean(1));
    }

    private void Verify(Dictionary<int, (string Name, string Flavour, string Checksum)> applied, IReadOnlyList<Migration> migrations)
    {
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var record) && record.Checksum != migration.Checksum)
                throw new MigrationException(
                    $"migration {migration} was changed after it was applied (recorded checksum {record.Checksum[..12]}…, file {migration.Checksum[..12]}…): "
                    + "add a new migration instead of editing an applied one");
        }

        var latest = migrations.Max(m => m.Version);
        if (applied.Keys.Where(v => v > latest).ToList() is { Count: > 0 } newer)
            logger.LogWarning("The database has migrations this build does not know ({Versions}); it was migrated by a newer build", string.Join(", ", newer));
    }

    private async Task ApplyAsync(NpgsqlConnection connection, Migration migration, StoreFlavour flavour, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        try
        {
            if (migration.Transactional)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, migration.Sql, cancellationToken, transaction).ConfigureAwait(false);
                await RecordAsync(connection, migration, flavour, elapsed.Elapsed, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Each statement commits on its own; such files are written so that running them again is harmless.
                foreach (var statement in SqlScript.Split(migration.Sql))
                    await ExecuteAsync(connection, statement, cancellationToken).ConfigureAwait(false);
                await RecordAsync(connection, migration, flavour, elapsed.Elapsed, null, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PostgresException ex)
        {
            throw new MigrationException($"migration {migration} failed: {ex.SqlState} {ex.MessageText}"
                + (ex.Position > 0 ? $" (at character {ex.Position})" : ""), ex);
        }

        logger.LogInformation("Applied migration {Migration} in {ElapsedMs} ms", migration.ToString(), (int)elapsed.ElapsedMilliseconds);
    }

    private static async Task RecordAsync(
        NpgsqlConnection connection, Migration migration, StoreFlavour flavour, TimeSpan duration, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, flavour, checksum, duration_ms) VALUES ($1, $2, $3, $4, $5)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = flavour.ToName() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Checksum });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)duration.TotalMilliseconds });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null)
    {
        // Schema changes on a large table can take long; the caller's token bounds them instead.
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
