using LifeOS.Eventing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Persistence;

/// <summary>Registers the persistence worker (and the topic provisioning it depends on).</summary>
public static class PersistenceExtensions
{
    public static TBuilder AddPersistenceWorker<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.TryAddSingleton<EventProcessor>();
        // Hosted services start in registration order: topics exist before the worker subscribes.
        builder.Services.AddTopicProvisioning();
        builder.Services.AddHostedService<PersistenceWorker>();
        builder.Services.AddPersistenceGroupInfo();
        return builder;
    }

    /// <summary>
    /// Names the persistence group and its topics without running it: hosts that apply backpressure or report lag
    /// (ingestion, the query API) watch the group that a separate worker runs.
    /// </summary>
    public static IServiceCollection AddPersistenceGroupInfo(this IServiceCollection services)
    {
        var registered = services.Any(d => d.ImplementationInstance is ConsumerGroupInfo { Group: PersistenceWorker.Group });
        return registered ? services : services.AddSingleton(new ConsumerGroupInfo(PersistenceWorker.Group, PersistenceWorker.Topics));
    }
}
