using LifeOS.Storage.Postgres.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LifeOS.Storage.Postgres;

/// <summary>One PostgreSQL database as the stores use it: a pool for queries and small writes, and a pool of bulk-writer sessions.</summary>
/// <remarks>
/// Bulk writes copy rows into a session-local staging table; each bulk-writer session creates that table once when it
/// connects, and its pool never resets session state (which would drop the table) when a connection is returned.
/// </remarks>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>How long a store call keeps retrying while PostgreSQL is unreachable or restarting, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultRetryBudget = TimeSpan.FromSeconds(30);

    private StoreFlavour? _flavour;

    public PostgresDatabase(string connectionString, ILoggerFactory? loggerFactory = null, TimeSpan? retryBudget = null)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            // The message names the bad keyword; the string itself may hold a password, so it is not repeated.
            throw new ArgumentException($"not a valid PostgreSQL (Npgsql) connection string: {ex.Message}", nameof(connectionString), ex);
        }

        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        // Npgsql's own logging stays off (it reports every command at Information); failures and retries are logged here.
        DataSource = NpgsqlDataSource.Create(settings.ConnectionString);

        var bulk = new NpgsqlDataSourceBuilder(settings.ConnectionString) { ConnectionStringBuilder = { NoResetOnClose = true } };
        bulk.UsePhysicalConnectionInitializer(
            connection => CreateStagingCommand(connection).ExecuteNonQuery(),
            async connection =>
            {
                await using var command = CreateStagingCommand(connection);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            });
        BulkWriter = bulk.Build();
        Retry = new TransientRetry(retryBudget ?? DefaultRetryBudget, LoggerFactory.CreateLogger<PostgresDatabase>(), DataSource, BulkWriter);
    }

    /// <summary>The pool for queries, small writes and schema checks.</summary>
    public NpgsqlDataSource DataSource { get; }

    internal NpgsqlDataSource BulkWriter { get; }

    internal ILoggerFactory LoggerFactory { get; }

    internal TransientRetry Retry { get; }

    /// <summary>The schema flavour the migrator gave this database; read once, it never changes for a database.</summary>
    public async ValueTask<StoreFlavour> GetFlavourAsync(CancellationToken cancellationToken = default)
    {
        if (_flavour is { } known)
            return known;
        var flavour = await Retry.RunAsync("flavour lookup",
            ct => PostgresSchema.GetFlavourAsync(DataSource, ct), cancellationToken).ConfigureAwait(false);
        _flavour = flavour;
        return flavour;
    }

    private static NpgsqlCommand CreateStagingCommand(NpgsqlConnection connection) =>
        new(EventStaging.CreateTableSql, connection);

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync().ConfigureAwait(false);
        await BulkWriter.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        DataSource.Dispose();
        BulkWriter.Dispose();
    }
}
