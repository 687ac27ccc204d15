using LifeOS.Hosting;
using LifeOS.ServiceDefaults;
using LifeOS.Storage.Postgres.Schema;
using Microsoft.Extensions.Configuration;

namespace LifeOS.Migrator;

/// <summary>What the migrator reads from configuration (environment variables in the AppHost and Kubernetes).</summary>
internal sealed record MigratorOptions(string ConnectionString, TimeSpan ConnectTimeout, StoreFlavour? Flavour)
{
    public const string ConnectTimeoutKey = "LifeOS:Migrator:ConnectTimeoutSeconds";
    public const string FlavourKey = "LifeOS:Postgres:Flavour";

    /// <summary>Reads and checks the settings; a bad one throws <see cref="ArgumentException"/> naming the key.</summary>
    public static MigratorOptions From(IConfiguration configuration)
    {
        var connectionString = RequiredConnectionString.Get(configuration, ResourceNames.Timescale, "The migrator");

        var timeoutText = configuration[ConnectTimeoutKey];
        var seconds = 120;
        if (timeoutText is not null && (!int.TryParse(timeoutText, System.Globalization.CultureInfo.InvariantCulture, out seconds) || seconds < 1))
            throw new ArgumentException($"{ConnectTimeoutKey} must be a whole number of seconds, 1 or more (got '{timeoutText}')");

        StoreFlavour? flavour = configuration[FlavourKey] switch
        {
            null or "" or "auto" => null,
            StoreFlavourNames.PostgreSql => StoreFlavour.PostgreSql,
            StoreFlavourNames.TimescaleDb => StoreFlavour.TimescaleDb,
            var other => throw new ArgumentException(
                $"{FlavourKey} must be auto, {StoreFlavourNames.PostgreSql} or {StoreFlavourNames.TimescaleDb} (got '{other}')"),
        };
        return new MigratorOptions(connectionString, TimeSpan.FromSeconds(seconds), flavour);
    }
}
