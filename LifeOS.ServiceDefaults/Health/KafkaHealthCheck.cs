using System.Buffers.Binary;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LifeOS.ServiceDefaults.Health;

/// <summary>Healthy when a bootstrap broker answers a Kafka ApiVersions request (the first thing every client sends).</summary>
/// <remarks>A protocol ping rather than a TCP connect: a port that accepts connections but is not Kafka fails it.</remarks>
internal sealed class KafkaHealthCheck(string bootstrapServers) : IHealthCheck
{
    private const short ApiVersionsKey = 18;
    private const short UnsupportedVersion = 35;
    private const string ClientId = "lifeos-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Exception? last = null;
        // One answering broker is enough: clients discover the rest of the cluster from it.
        foreach (var broker in NetworkEndpoints.KafkaBrokers(bootstrapServers))
        {
            try
            {
                using var socket = await NetworkEndpoints.ConnectAsync(broker, cancellationToken).ConfigureAwait(false);
                await using var stream = new NetworkStream(socket, ownsSocket: false);
                var error = await ApiVersionsAsync(stream, cancellationToken).ConfigureAwait(false);
                // UNSUPPORTED_VERSION still proves a Kafka broker answered; it only declines version 0.
                if (error is 0 or UnsupportedVersion)
                    return HealthCheckResult.Healthy();
                last = new IOException($"the broker answered ApiVersions with error {error}");
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                last = e;
            }
        }

        return new HealthCheckResult(context.Registration.FailureStatus, "no Kafka bootstrap broker answered ApiVersions", last);
    }

    private static async Task<short> ApiVersionsAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        const int correlationId = 0x4c4f53; // any value; the answer must echo it
        var request = new byte[4 + 2 + 2 + 4 + 2 + ClientId.Length];
        BinaryPrimitives.WriteInt32BigEndian(request, request.Length - 4);
        BinaryPrimitives.WriteInt16BigEndian(request.AsSpan(4), ApiVersionsKey);
        BinaryPrimitives.WriteInt16BigEndian(request.AsSpan(6), 0);
        BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(8), correlationId);
        BinaryPrimitives.WriteInt16BigEndian(request.AsSpan(12), (short)ClientId.Length);
        System.Text.Encoding.ASCII.GetBytes(ClientId, request.AsSpan(14));
        await stream.WriteAsync(request, cancellationToken).ConfigureAwait(false);

        var header = new byte[4 + 4 + 2];
        await NetworkEndpoints.ReadExactlyAsync(stream, header, cancellationToken).ConfigureAwait(false);
        if (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)) != correlationId)
            throw new IOException("the answer did not echo the request's correlation id: not a Kafka broker");
        return BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(8));
    }
}
