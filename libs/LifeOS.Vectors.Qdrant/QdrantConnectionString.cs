using System.Data.Common;

namespace LifeOS.Vectors.Qdrant;

/// <summary>Reads Aspire's Qdrant connection string, <c>Endpoint=http://host:6333;Key=secret</c>, or a bare URL.</summary>
public static class QdrantConnectionString
{
    /// <summary>Qdrant's default gRPC port: a REST client pointed at it fails with protocol errors, so it is named in errors.</summary>
    public const int GrpcPort = 6334;

    public static (Uri Endpoint, string? ApiKey) Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new FormatException("the Qdrant connection string is empty; expected 'Endpoint=http://host:6333;Key=...'");

        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var bare) && bare.Scheme is "http" or "https")
            return (bare, null);

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException e)
        {
            throw new FormatException("the Qdrant connection string is not 'Endpoint=...;Key=...': " + e.Message, e);
        }

        if (!builder.TryGetValue("Endpoint", out var endpointValue) ||
            !Uri.TryCreate(endpointValue?.ToString(), UriKind.Absolute, out var endpoint) ||
            endpoint.Scheme is not ("http" or "https"))
        {
            throw new FormatException("the Qdrant connection string needs Endpoint=http(s)://host:port (the REST port, 6333 by default)");
        }

        var key = builder.TryGetValue("Key", out var keyValue) ? keyValue?.ToString() : null;
        return (endpoint, string.IsNullOrEmpty(key) ? null : key);
    }
}
