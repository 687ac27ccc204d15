using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LifeOS.ServiceDefaults.Health;

/// <summary>Reads host and port out of the connection strings the AppHost hands out, and opens plain connections to them.</summary>
internal static class NetworkEndpoints
{
    /// <summary>Kafka bootstrap servers: <c>host:port[,host:port...]</c>, optionally with a listener scheme.</summary>
    public static IReadOnlyList<DnsEndPoint> KafkaBrokers(string bootstrapServers) =>
        [.. bootstrapServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(server => server.Contains("://", StringComparison.Ordinal) ? server[(server.IndexOf("://", StringComparison.Ordinal) + 3)..] : server)
            .Select(server => HostPort(server, 9092))];

    /// <summary>The first host of an Npgsql connection string (<c>Host=...;Port=...</c>), or its Unix socket.</summary>
    public static EndPoint Postgres(string connectionString)
    {
        var values = Parse(connectionString);
        var host = (values.GetValueOrDefault("host") ?? values.GetValueOrDefault("server") ?? "localhost").Split(',')[0].Trim();
        var port = values.TryGetValue("port", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 5432;
        // Npgsql reads a host that is a directory as the folder of the server's Unix socket.
        return host.StartsWith('/')
            ? new UnixDomainSocketEndPoint(Path.Combine(host, $".s.PGSQL.{port}"))
            : HostPort(host, port);
    }

    /// <summary>The first endpoint and the options of a StackExchange.Redis connection string (<c>host:port,password=...,ssl=...</c>).</summary>
    public static (DnsEndPoint EndPoint, string? User, string? Password, bool Ssl) Redis(string connectionString)
    {
        var parts = connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var server = parts.FirstOrDefault(p => !p.Contains('=', StringComparison.Ordinal))
            ?? throw new FormatException("the Redis connection string names no host:port");
        string? Option(string name) => parts
            .Where(p => p.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[(name.Length + 1)..])
            .LastOrDefault();
        return (HostPort(server, 6379), Option("user"), Option("password"),
            string.Equals(Option("ssl"), "true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The REST endpoint and API key of a Qdrant connection string (<c>Endpoint=http://host:6333;Key=...</c>).</summary>
    public static (Uri Endpoint, string? Key) Qdrant(string connectionString)
    {
        var values = Parse(connectionString);
        if (!values.TryGetValue("endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            throw new FormatException("the Qdrant connection string has no absolute Endpoint=");
        return (uri, values.GetValueOrDefault("key"));
    }

    public static async Task<Socket> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes, or fails when the peer hangs up first.</summary>
    public static async Task ReadExactlyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new IOException("the server closed the connection mid-answer", e);
        }
    }

    private static DnsEndPoint HostPort(string text, int defaultPort)
    {
        // [v6]:port, host:port, or a bare host.
        var colon = text.LastIndexOf(':');
        var bracket = text.LastIndexOf(']');
        if (colon > bracket && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            return new DnsEndPoint(text[..colon].Trim('[', ']'), port);
        return new DnsEndPoint(text.Trim('[', ']'), defaultPort);
    }

    private static Dictionary<string, string> Parse(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return builder.Keys.Cast<string>().ToDictionary(k => k.ToLowerInvariant(), k => Convert.ToString(builder[k], CultureInfo.InvariantCulture) ?? "");
    }
}
