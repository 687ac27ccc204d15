using LifeOS.Contracts;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Eventing;

/// <summary>Creates every catalogued topic (and its dead-letter topic) at start-up, before this host produces or subscribes.</summary>
/// <remarks>Every host that touches the log runs it: creation is idempotent, and no host has to start first.</remarks>
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
