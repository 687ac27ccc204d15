using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace LifeOS.Knowledge.Web;

/// <summary>The URL fetcher's connect step. It resolves the host itself and connects only to the addresses it checked, so
/// a name whose DNS answer changes between a check and the connect, and every redirect (each new host connects here
/// too), meet the same policy: public addresses on allowed ports, or a host the operator named as private.</summary>
public sealed class GuardedConnector(UrlFetchOptions options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        if (!options.Ports.Contains(port))
            throw new UrlRefusedException($"port {port} is not one the server fetches from (allowed: {string.Join(", ", options.Ports)})");

        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = options.IsAllowedPrivateHost(host) ? addresses : addresses.Where(PublicAddress.IsPublic).ToArray();
        if (allowed.Length == 0)
            throw new UrlRefusedException($"{host} is not a public address; the server fetches only from the public internet");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException)
        {
            socket.Dispose();
            // Refused, unreachable and timed out read the same, so a failure says nothing about what listens where.
            throw new HttpRequestException($"could not connect to {host}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            throw new HttpRequestException($"could not resolve {host}");
        }
    }
}
