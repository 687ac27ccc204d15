using LifeOS.Hosting;
using LifeOS.Storage.Postgres.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LifeOS.Migrator;

/// <summary>One migrator run: read settings, wait for the database, apply what is missing, report, and choose the exit code.</summary>
internal static class MigratorRun
{
    public const int Succeeded = 0;
    public const int MigrationFailed = 1;
    public const int Misconfigured = 2;
    public const int DatabaseUnreachable = 3;

    public static async Task<int> ExecuteAsync(HostApplicationBuilder builder)
    {
        MigratorOptions options;
        try
        {
            options = MigratorOptions.From(builder.Configuration);
        }
        catch (Exception ex) when (ex is MissingConnectionStringException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"LifeOS.Migrator: {ex.Message}").ConfigureAwait(false);
            return Misconfigured;
        }

        // A run-once tool: "Application started. Press Ctrl+C to shut down." would only mislead.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // The host is started only for what it brings (logging, telemetry export, Ctrl+C); there is no hosted work.
        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LifeOS.Migrator");
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        try
        {
            return await MigrateAsync(options, logger, stopping).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<int> MigrateAsync(MigratorOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        NpgsqlDataSource dataSource;
        try
        {
            // Npgsql's own logging is left off: it reports every command at Information; failures reach the log from here.
            dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            logger.LogError("ConnectionStrings__timescale is not a valid Npgsql connection string: {Reason}", ex.Message);
            return Misconfigured;
        }

        await using (dataSource.ConfigureAwait(false))
        {
            try
            {
                await DatabaseReadiness.WaitAsync(dataSource, logger, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
                var report = await new PostgresMigrator(dataSource, logger) { Flavour = options.Flavour }
                    .MigrateAsync(cancellationToken).ConfigureAwait(false);
                Console.WriteLine(Summary(report, PostgresSchema.Address(dataSource)));
                return Succeeded;
            }
            catch (TimeoutException ex)
            {
                logger.LogError("{Reason}", ex.Message);
                return DatabaseUnreachable;
            }
            catch (MigrationException ex)
            {
                logger.LogError("Migration failed: {Reason}", ex.Message);
                return MigrationFailed;
            }
            catch (PostgresException ex)
            {
                // Not transient: a wrong password, a database that does not exist, missing privileges.
                logger.LogError("PostgreSQL refused the migrator: {SqlState} {Message}", ex.SqlState, ex.MessageText);
                return MigrationFailed;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                logger.LogError("Stopped before the migrations finished; a migration in progress was rolled back or is repeatable");
                return MigrationFailed;
            }
        }
    }

    private static string Summary(MigrationReport report, string address)
    {
        var flavour = report.Flavour == StoreFlavour.TimescaleDb ? "TimescaleDB" : "plain PostgreSQL";
        var applied = report.Applied.Count == 0
            ? "nothing to apply"
            : $"applied {string.Join(", ", report.Applied)}";
        return $"LifeOS.Migrator: {address} is at schema version {report.Version} ({flavour}); {applied}; {report.AlreadyApplied} applied before.";
    }
}
