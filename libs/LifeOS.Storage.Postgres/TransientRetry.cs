using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LifeOS.Storage.Postgres;

/// <summary>Runs a store operation again while PostgreSQL answers with transient failures, within a time budget.</summary>
/// <remarks>
/// Every operation retried here is idempotent (writes skip what is already stored), so running one twice after an
/// ambiguous failure (the commit happened, its answer was lost) stores nothing twice. After a lost connection the
/// pools are cleared: every idle connection to a restarted server is dead, and trying them one by one would spend the budget.
/// </remarks>
internal sealed class TransientRetry(TimeSpan budget, ILogger logger, params NpgsqlDataSource[] pools)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    public async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (PostgresTransientErrors.IsTransient(ex) && elapsed.Elapsed + delay < budget && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("PostgreSQL {Operation} failed ({Reason}); retrying in {DelayMs} ms (attempt {Attempt})",
                    operation, Describe(ex), (int)delay.TotalMilliseconds, attempt);
                if (PostgresTransientErrors.IsConnectionLost(ex))
                {
                    foreach (var pool in pools)
                        pool.Clear();
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    public async Task RunAsync(string operation, Func<CancellationToken, Task> action, CancellationToken cancellationToken) =>
        await RunAsync<bool>(operation, async ct =>
        {
            await action(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    private static string Describe(Exception ex) => ex is PostgresException postgres
        ? $"{postgres.SqlState} {postgres.MessageText}"
        : ex.InnerException is { } inner ? $"{ex.Message}: {inner.Message}" : ex.Message;
}
