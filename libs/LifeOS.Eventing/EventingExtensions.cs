using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Eventing;

/// <summary>Registrations every host of the event log shares.</summary>
public static class EventingExtensions
{
    /// <summary>Provisions the catalogue's topics at start-up; registering it twice still provisions once.</summary>
    public static IServiceCollection AddTopicProvisioning(this IServiceCollection services)
    {
        if (services.Any(d => d.ImplementationType == typeof(TopicProvisioner)))
            return services;
        // Hosted services start in registration order: register this before any producer or consumer.
        return services.AddHostedService<TopicProvisioner>();
    }
}
