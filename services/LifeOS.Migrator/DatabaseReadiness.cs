using System.Diagnostics;
using LifeOS.Storage.Postgres;
using LifeOS.Storage.Postgres.Schema;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LifeOS.Migrator;

/// <summary>Waits for PostgreSQL to accept connections: in a fresh deployment the migrator often starts before the database.</summary>
internal static class DatabaseReadiness
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    /// <summary>Returns once a connection opens; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    /// <remarks>Only transient failures are waited out; a wrong password or a missing database fails at once.</remarks>
    public static async Task WaitAsync(NpgsqlDataSource dataSource, ILogger logger, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                if (attempt > 1)
                    logger.LogInformation("PostgreSQL at {Address} accepts connections now", PostgresSchema.Address(dataSource));
                return;
            }
            catch (Exception ex) when (PostgresTransientErrors.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                var reason = ex.InnerException?.Message ?? ex.Message;
                if (elapsed.Elapsed >= timeout)
                    throw new TimeoutException(
                        $"PostgreSQL at {PostgresSchema.Address(dataSource)} did not accept connections within {timeout.TotalSeconds:0} s (last error: {reason})", ex);
                logger.LogWarning("Waiting for PostgreSQL at {Address} to accept connections ({Reason}); attempt {Attempt}, giving up after {Timeout} s",
                    PostgresSchema.Address(dataSource), reason, attempt, (int)timeout.TotalSeconds);
                await Task.Delay(RetryEvery, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
