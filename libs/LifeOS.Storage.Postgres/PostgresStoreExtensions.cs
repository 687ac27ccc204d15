using LifeOS.Storage;
using LifeOS.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the PostgreSQL implementations of the store ports (ILifeStore, IDeviceLedger, IAccountStore).</summary>
public static class PostgresStoreExtensions
{
    /// <summary>The Aspire resource name of the database (<c>ConnectionStrings__timescale</c>), as in ResourceNames.Timescale.</summary>
    public const string DefaultConnectionName = "timescale";

    /// <summary>Uses the database named by <c>ConnectionStrings:{connectionName}</c>; a missing connection string stops start-up with a clear message.</summary>
    public static TBuilder AddPostgresStore<TBuilder>(this TBuilder builder, string connectionName = DefaultConnectionName)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                $"the PostgreSQL store needs the '{connectionName}' connection string: set ConnectionStrings__{connectionName} "
                + "to an Npgsql connection string (Host=...;Port=5432;Database=...;Username=...;Password=...)");
        builder.Services.AddPostgresStore(connectionString);
        return builder;
    }

    /// <summary>
    /// Registers the stores on one database, a start-up gate that waits until the migrator has brought the schema to this
    /// build's version, and a "timescale" health check. Call it before registering workers that use the stores.
    /// </summary>
    public static IServiceCollection AddPostgresStore(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(sp => new PostgresDatabase(connectionString, sp.GetService<ILoggerFactory>()));
        services.AddSingleton<PostgresLifeStore>();
        services.AddSingleton<ILifeStore>(sp => sp.GetRequiredService<PostgresLifeStore>());
        services.AddSingleton<PostgresDeviceLedger>();
        services.AddSingleton<IDeviceLedger>(sp => sp.GetRequiredService<PostgresDeviceLedger>());
        services.AddSingleton<PostgresAccountStore>();
        services.AddSingleton<IAccountStore>(sp => sp.GetRequiredService<PostgresAccountStore>());
        services.AddHostedService<PostgresSchemaGate>();
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>(DefaultConnectionName);
        return services;
    }
}
