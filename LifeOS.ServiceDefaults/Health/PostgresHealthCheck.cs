using System.Buffers.Binary;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LifeOS.ServiceDefaults.Health;

/// <summary>Healthy when the server answers PostgreSQL's SSLRequest, the first message of the wire protocol.</summary>
/// <remarks>
/// Needs no driver and no credentials: any PostgreSQL answers it with one byte, 'S' or 'N', before authentication.
/// Whether this service's own queries work is for its request handling to report (503 with Retry-After).
/// </remarks>
internal sealed class PostgresHealthCheck(string connectionString) : IHealthCheck
{
    private const int SslRequestCode = 80877103;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var socket = await NetworkEndpoints.ConnectAsync(NetworkEndpoints.Postgres(connectionString), cancellationToken).ConfigureAwait(false);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var request = new byte[8];
            BinaryPrimitives.WriteInt32BigEndian(request, 8);
            BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(4), SslRequestCode);
            await stream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            var answer = new byte[1];
            await NetworkEndpoints.ReadExactlyAsync(stream, answer, cancellationToken).ConfigureAwait(false);
            return answer[0] is (byte)'S' or (byte)'N'
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, "the server did not answer SSLRequest as PostgreSQL does");
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL is unreachable", e);
        }
    }
}
