using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LifeOS.Storage.Postgres.Schema;

/// <summary>What services ask of the schema: its version, its flavour, and waiting at start-up until the migrator has run.</summary>
/// <remarks>Services never migrate: one migrator job owns schema changes, so replicas starting together cannot race.</remarks>
public static class PostgresSchema
{
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RepeatLogEvery = TimeSpan.FromSeconds(15);

    /// <summary>The schema version this build needs.</summary>
    public static int RequiredVersion => MigrationCatalog.LatestVersion;

    /// <summary>The highest applied migration, or null when the database was never migrated.</summary>
    public static async Task<int?> GetVersionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                return null;
        }

        await using var version = new NpgsqlCommand("SELECT max(version) FROM schema_migrations", connection);
        return await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int value ? value : null;
    }

    /// <summary>The flavour the migrator chose, as the database itself reports it (<c>SELECT lifeos_store_flavour()</c>).</summary>
    public static async Task<StoreFlavour> GetFlavourAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT lifeos_store_flavour()");
        try
        {
            return StoreFlavourNames.Parse((string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedFunction)
        {
            throw new InvalidOperationException("the database has no LifeOS store schema yet: run the migrator (services/LifeOS.Migrator) first", ex);
        }
    }

    /// <summary>Returns once the database accepts connections and its schema is at least <see cref="RequiredVersion"/>; logs why it waits meanwhile.</summary>
    public static async Task WaitUntilMigratedAsync(
        NpgsqlDataSource dataSource, ILogger logger, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var required = RequiredVersion;
        var sinceLog = (Stopwatch?)null;
        string? lastReason = null;
        while (true)
        {
            string reason;
            try
            {
                var version = await GetVersionAsync(dataSource, cancellationToken).ConfigureAwait(false);
                if (version >= required)
                {
                    logger.LogInformation("PostgreSQL schema is at version {Version} (this build needs {Required}); store ready", version, required);
                    return;
                }

                reason = $"the PostgreSQL schema is at version {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, "
                    + $"this build needs {required}: waiting for the migrator (services/LifeOS.Migrator) to run";
            }
            catch (Exception ex) when (PostgresTransientErrors.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                reason = $"PostgreSQL at {Address(dataSource)} does not accept connections yet ({ex.InnerException?.Message ?? ex.Message}): waiting";
            }

            // Said once, then again only every so often or when the reason changes, so a long wait stays readable.
            if (reason != lastReason || sinceLog is null || sinceLog.Elapsed >= RepeatLogEvery)
            {
                logger.LogWarning("{Reason}", reason);
                lastReason = reason;
                sinceLog = Stopwatch.StartNew();
            }

            await Task.Delay(pollInterval ?? DefaultPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>host:port of a data source, for log lines (never the whole connection string, which may hold a password).</summary>
    public static string Address(NpgsqlDataSource dataSource)
    {
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{settings.Host}:{settings.Port}/{settings.Database}";
    }
}
