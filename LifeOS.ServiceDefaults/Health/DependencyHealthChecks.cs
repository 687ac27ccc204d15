using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LifeOS.ServiceDefaults.Health;

/// <summary>One health check per backing service whose connection string this host is given.</summary>
/// <remarks>
/// "Configured" is the test: the AppHost hands a resource exactly the connection strings of what it references, so a
/// host is probed for what it uses and nothing else. The checks are untagged: a lost dependency fails /health (out of
/// rotation) but not /alive (no restart, which would not bring the dependency back).
/// </remarks>
public static class DependencyHealthChecks
{
    /// <summary>How long one probe may take before it counts as failed.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Qdrant's REST endpoint: Aspire names it <c>{name}_http</c> beside the gRPC one.</summary>
    public const string QdrantHttpConnectionName = ResourceNames.Qdrant + "_http";

    public static IHealthChecksBuilder AddDependencyChecks(this IHealthChecksBuilder checks, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(configuration);
        Add(checks, configuration, ResourceNames.Kafka, value => new KafkaHealthCheck(value));
        Add(checks, configuration, ResourceNames.Timescale, value => new PostgresHealthCheck(value));
        Add(checks, configuration, ResourceNames.Redis, value => new RedisHealthCheck(value));
        // The REST endpoint when Aspire provides both, else the one connection string (REST by LifeOS's convention).
        var qdrant = configuration.GetConnectionString(QdrantHttpConnectionName) is { Length: > 0 } ? QdrantHttpConnectionName : ResourceNames.Qdrant;
        Add(checks, configuration, qdrant, value => new QdrantHealthCheck(value), ResourceNames.Qdrant);
        return checks;
    }

    private static void Add(IHealthChecksBuilder checks, IConfiguration configuration, string connectionName, Func<string, IHealthCheck> create, string? checkName = null)
    {
        if (configuration.GetConnectionString(connectionName) is not { Length: > 0 } value)
            return;
        checks.AddCheck(checkName ?? connectionName, create(value), HealthStatus.Unhealthy, tags: [], timeout: ProbeTimeout);
    }
}
