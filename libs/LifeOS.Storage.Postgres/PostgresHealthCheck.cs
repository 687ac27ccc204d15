using LifeOS.Storage.Postgres.Schema;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LifeOS.Storage.Postgres;

/// <summary>/health fails while PostgreSQL is unreachable or its schema is older than this build needs.</summary>
internal sealed class PostgresHealthCheck(PostgresDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var version = await PostgresSchema.GetVersionAsync(database.DataSource, cancellationToken).ConfigureAwait(false);
            // The description stays generic: health answers are anonymous.
            return version >= PostgresSchema.RequiredVersion
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("schema not migrated");
        }
        catch (Exception ex) when (PostgresTransientErrors.IsTransient(ex))
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }
}
