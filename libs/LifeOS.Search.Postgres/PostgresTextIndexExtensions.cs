using LifeOS.Contracts;
using LifeOS.Search;
using LifeOS.Search.Postgres;
using LifeOS.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL text index.</summary>
public static class PostgresTextIndexExtensions
{
    /// <summary>Registers <see cref="PostgresTextIndex"/> as the <see cref="ITextIndex"/> and as an <see cref="IUserDataEraser"/>,
    /// so data and account deletion reach its chunks. Its table is created on first use.</summary>
    public static IServiceCollection AddPostgresTextIndex(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        services.AddSingleton(_ => new PostgresTextIndex(connectionString));
        services.AddSingleton<ITextIndex>(sp => sp.GetRequiredService<PostgresTextIndex>());
        services.AddSingleton<IUserDataEraser>(sp => sp.GetRequiredService<PostgresTextIndex>());
        return services;
    }
}
