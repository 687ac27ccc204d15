using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LifeOS.ServiceDefaults.Health;

/// <summary>Healthy when Redis answers PING (after AUTH when the connection string carries a password).</summary>
internal sealed class RedisHealthCheck(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (endPoint, user, password, ssl) = NetworkEndpoints.Redis(connectionString);
        try
        {
            using var socket = await NetworkEndpoints.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            await using (stream.ConfigureAwait(false))
            {
                if (ssl)
                {
                    var tls = new SslStream(stream);
                    await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = endPoint.Host }, cancellationToken).ConfigureAwait(false);
                    stream = tls;
                }

                if (password is not null)
                {
                    var auth = await CommandAsync(stream, user is null ? ["AUTH", password] : ["AUTH", user, password], cancellationToken).ConfigureAwait(false);
                    if (!auth.StartsWith("+OK", StringComparison.Ordinal))
                        return new HealthCheckResult(context.Registration.FailureStatus, "Redis refused the credentials");
                }

                var pong = await CommandAsync(stream, ["PING"], cancellationToken).ConfigureAwait(false);
                return pong.StartsWith("+PONG", StringComparison.Ordinal)
                    ? HealthCheckResult.Healthy()
                    : new HealthCheckResult(context.Registration.FailureStatus, "Redis did not answer PING with PONG");
            }
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis is unreachable", e);
        }
    }

    // One command as a RESP array (so a password needs no quoting); returns the first line of the reply.
    private static async Task<string> CommandAsync(Stream stream, string[] arguments, CancellationToken cancellationToken)
    {
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken).ConfigureAwait(false);

        var line = new List<byte>(16);
        var one = new byte[1];
        while (line.Count < 2 || line[^2] != '\r' || line[^1] != '\n')
        {
            await NetworkEndpoints.ReadExactlyAsync(stream, one, cancellationToken).ConfigureAwait(false);
            line.Add(one[0]);
            if (line.Count > 512)
                throw new IOException("the answer is not a RESP line");
        }

        return Encoding.UTF8.GetString([.. line]);
    }
}
