using LifeOS.Contracts;
using LifeOS.Eventing;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Persistence;

/// <summary>Creates every catalogued topic (and its dead-letter topic) before any consumer subscribes.</summary>
public sealed class TopicProvisioner(IEventLog log) : IHostedService
{
    public static IEnumerable<TopicSpec> Specs() =>
        TopicCatalogue.All.SelectMany(t => new[]
        {
            new TopicSpec(t.Name, t.Partitions, t.Retention, t.CleanupPolicy),
            new TopicSpec(t.DeadLetterTopic, 1, TimeSpan.FromDays(365)),
        });

    public Task StartAsync(CancellationToken cancellationToken) => log.EnsureTopicsAsync(Specs(), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
