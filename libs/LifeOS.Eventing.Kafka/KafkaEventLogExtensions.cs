using LifeOS.Eventing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LifeOS.Eventing.Kafka;

/// <summary>Registers <see cref="KafkaEventLog"/> as the process's <see cref="IEventLog"/>.</summary>
public static class KafkaEventLogExtensions
{
    /// <summary>Uses Kafka at <paramref name="bootstrapServers"/> (<c>host:port[,host:port...]</c>) as the event log.</summary>
    /// <exception cref="FormatException">The bootstrap servers are not a host:port list.</exception>
    public static IServiceCollection AddKafkaEventLog(
        this IServiceCollection services, string bootstrapServers, Action<KafkaEventLogOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new KafkaEventLogOptions { BootstrapServers = KafkaEventLogOptions.ParseConnectionString(bootstrapServers) };
        configure?.Invoke(options);
        options.Validate(); // bad settings fail at start-up, not at the first append

        services.RemoveAll<IEventLog>();
        services.AddSingleton(options);
        services.AddSingleton<IEventLog>(sp => new KafkaEventLog(options, sp.GetService<ILoggerFactory>()));
        return services;
    }

    /// <summary>
    /// Uses Kafka when <c>ConnectionStrings:kafka</c> is set (Aspire's <c>ConnectionStrings__kafka</c>) and returns true;
    /// returns false and registers nothing when it is absent, so the host keeps its embedded log.
    /// </summary>
    public static bool TryAddKafkaEventLog(
        this IHostApplicationBuilder builder, Action<KafkaEventLogOptions>? configure = null, string connectionName = KafkaEventLogOptions.ConnectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
            return false;
        builder.Services.AddKafkaEventLog(connectionString, configure);
        return true;
    }
}
