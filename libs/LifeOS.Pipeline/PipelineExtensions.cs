using LifeOS.Eventing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LifeOS.Pipeline;

/// <summary>Registers pipeline steps on a worker host.</summary>
public static class PipelineExtensions
{
    /// <summary>
    /// Runs <paramref name="step"/> with the handler <paramref name="createHandler"/> builds, and names its consumer group
    /// (a <see cref="ConsumerGroupInfo"/>) so lag can be reported. Topics are provisioned before the step subscribes.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another step on this host already uses the step's consumer group.</exception>
    public static TBuilder AddPipelineStep<TBuilder>(this TBuilder builder, PipelineStep step, Func<IServiceProvider, IStepHandler> createHandler)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(createHandler);
        var services = builder.Services;
        if (services.Any(d => d.ImplementationInstance is ConsumerGroupInfo info && info.Group == step.Group))
            throw new InvalidOperationException($"The consumer group '{step.Group}' is already registered on this host; every step needs its own.");

        services.TryAddSingleton<EventProcessor>();
        // Hosted services start in registration order: topics exist before the step subscribes.
        services.AddTopicProvisioning();
        services.AddSingleton(new ConsumerGroupInfo(step.Group, step.SourceTopics));
        // Not AddHostedService: it de-duplicates by type, and every step is a PipelineModule.
        services.AddSingleton<IHostedService>(sp => new PipelineModule(
            step, createHandler(sp), sp.GetRequiredService<EventProcessor>(), sp.GetRequiredService<IEventLog>(),
            sp.GetRequiredService<ILogger<PipelineModule>>()));
        return builder;
    }

    /// <summary>Runs <paramref name="step"/> as a placeholder: every event is recorded "skipped" with <paramref name="reason"/>.</summary>
    public static TBuilder AddPlaceholderStep<TBuilder>(this TBuilder builder, PipelineStep step, string reason)
        where TBuilder : IHostApplicationBuilder =>
        builder.AddPipelineStep(step, _ => new PlaceholderStep(reason));
}
