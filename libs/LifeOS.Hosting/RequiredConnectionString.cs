using Microsoft.Extensions.Configuration;

namespace LifeOS.Hosting;

/// <summary>Reads a connection string a split service cannot run without; its absence stops start-up with a clear message.</summary>
public static class RequiredConnectionString
{
    public static string Get(IConfiguration configuration, string name, string service)
    {
        var value = configuration.GetConnectionString(name);
        if (!string.IsNullOrWhiteSpace(value))
            return value;

        // The split services never fall back to embedded backends: a replica on local SQLite would silently split the data.
        throw new MissingConnectionStringException(
            $"{service} needs the '{name}' connection string: set ConnectionStrings__{name} (the Aspire AppHost sets it for you). " +
            "Only the embedded LifeOS.Server runs without servers.");
    }
}

/// <summary>A required connection string was not configured.</summary>
public sealed class MissingConnectionStringException(string message) : InvalidOperationException(message);
