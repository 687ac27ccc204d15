using LifeOS.Contracts;
using LifeOS.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Storage;

/// <summary>Registers the embedded (SQLite) stores of accounts, sessions, shares, audit and integration secrets, and
/// the data erasers of the embedded life store and ledger.</summary>
public static class EmbeddedIdentityStores
{
    /// <summary>The same, in the data folder the embedded server uses (<c>LifeOS:DataDir</c>, default <c>data</c>).</summary>
    public static TBuilder AddEmbeddedIdentityStores<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddEmbeddedIdentityStores(DataDirectory.Resolve(builder.Configuration));
        return builder;
    }

    /// <summary>Everything lives in <c>accounts.db</c> under <paramref name="dataDir"/>, next to the other embedded files.</summary>
    public static IServiceCollection AddEmbeddedIdentityStores(this IServiceCollection services, string dataDir)
    {
        var accounts = Path.Combine(dataDir, "accounts.db");
        services.AddSingleton(_ => new SqliteAccountStore(accounts));
        services.AddSingleton<IAccountStore>(sp => sp.GetRequiredService<SqliteAccountStore>());
        services.AddSingleton(_ => new SqliteSessionStore(accounts));
        services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<SqliteSessionStore>());
        services.AddSingleton(_ => new SqliteShareStore(accounts));
        services.AddSingleton<IShareStore>(sp => sp.GetRequiredService<SqliteShareStore>());
        services.AddSingleton<IAuditLog>(_ => new SqliteAuditLog(accounts));
        services.AddSingleton(_ => new SqliteIntegrationSecretStore(accounts));
        services.AddSingleton<IIntegrationSecretStore>(sp => sp.GetRequiredService<SqliteIntegrationSecretStore>());

        services.AddSingleton<IUserDataEraser>(sp => sp.GetRequiredService<SqliteAccountStore>());
        services.AddSingleton<IUserDataEraser>(sp => sp.GetRequiredService<SqliteSessionStore>());
        services.AddSingleton<IUserDataEraser>(sp => sp.GetRequiredService<SqliteShareStore>());
        services.AddSingleton<IUserDataEraser>(sp => sp.GetRequiredService<SqliteIntegrationSecretStore>());
        // The life store and ledger are registered by the host; each is its own eraser.
        services.AddSingleton<IUserDataEraser>(sp => (SqliteLifeStore)sp.GetRequiredService<ILifeStore>());
        services.AddSingleton<IUserDataEraser>(sp => (SqliteDeviceLedger)sp.GetRequiredService<IDeviceLedger>());
        return services;
    }
}
