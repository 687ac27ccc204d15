using LifeOS.Storage.Postgres.Schema;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LifeOS.Storage.Postgres;

/// <summary>Holds a host's start-up until the database is reachable and migrated, logging why it waits; it never migrates.</summary>
/// <remarks>Hosted services start in registration order, so workers registered after the store start only once this returns.</remarks>
internal sealed class PostgresSchemaGate(PostgresDatabase database, ILogger<PostgresSchemaGate> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        PostgresSchema.WaitUntilMigratedAsync(database.DataSource, logger, cancellationToken: cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
