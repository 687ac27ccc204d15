using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LifeOS.ServiceDefaults.Health;

/// <summary>Healthy when Qdrant's REST endpoint answers <c>GET /readyz</c> with 200.</summary>
internal sealed class QdrantHealthCheck(string connectionString) : IHealthCheck
{
    // Its own client, outside the resilience handler: a probe must answer within its timeout, not retry.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (endpoint, key) = NetworkEndpoints.Qdrant(connectionString);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "/readyz"));
        if (!string.IsNullOrEmpty(key))
            request.Headers.Add("api-key", key);
        try
        {
            using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, $"Qdrant answered /readyz with {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Qdrant is unreachable", e);
        }
    }
}
