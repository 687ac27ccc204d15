using LifeOS.Contracts;
using LifeOS.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LifeOS.Storage.Postgres;

/// <summary>Registers the PostgreSQL implementations of the store ports (ILifeStore, IDeviceLedger, accounts, sessions,
/// shares, audit, integration secrets, the Data Protection key ring) and their data erasers.</summary>
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
    /// build's version, and a "timescale-schema" health check. Call it before registering workers that use the stores.
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
        services.AddSingleton<PostgresSessionStore>();
        services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<PostgresSessionStore>());
        services.AddSingleton<PostgresShareStore>();
        services.AddSingleton<IShareStore>(sp => sp.GetRequiredService<PostgresShareStore>());
        services.AddSingleton<IAuditLog, PostgresAuditLog>();
        services.AddSingleton<PostgresIntegrationSecretStore>();
        services.AddSingleton<IIntegrationSecretStore>(sp => sp.GetRequiredService<PostgresIntegrationSecretStore>());
        services.AddSingleton<IDataProtectionKeyStore, PostgresDataProtectionKeyStore>();
        // Every store holding user data takes part in deletions (DataDeletion runs them in order).
        services.AddSingleton<IUserDataEraser, PostgresDataEraser>();
        services.AddSingleton<IUserDataEraser, PostgresLedgerEraser>();
        services.AddSingleton<IUserDataEraser>(sp => sp.GetRequiredService<PostgresSessionStore>());
        services.AddSingleton<IUserDataEraser>(sp => sp.GetRequiredService<PostgresShareStore>());
        services.AddSingleton<IUserDataEraser>(sp => sp.GetRequiredService<PostgresIntegrationSecretStore>());
        services.AddSingleton<IUserDataEraser>(sp => sp.GetRequiredService<PostgresAccountStore>());
        services.AddHostedService<PostgresSchemaGate>();
        // ServiceDefaults already probes the "timescale" connection; this check adds the schema version behind it.
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>(DefaultConnectionName + "-schema");
        return services;
    }
}
