using LifeOS.Eventing;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Identity.Deletion;

/// <summary>Waits (briefly) until the pipeline has stored everything acknowledged, so a deletion also catches events
/// that were still on their way to the store when it was asked for.</summary>
public sealed class PipelineDrain(IServiceProvider services)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(15);

    /// <summary>True when every known consumer group has no lag (or there is no log here to ask).</summary>
    public async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        var log = services.GetService<IEventLog>();
        var groups = services.GetServices<ConsumerGroupInfo>().ToList();
        if (log is null || groups.Count == 0)
            return true;

        var deadline = DateTime.UtcNow + MaxWait;
        while (true)
        {
            long lag = 0;
            foreach (var group in groups)
                lag += await log.GetLagAsync(group.Group, group.Topics, cancellationToken).ConfigureAwait(false);
            if (lag == 0)
                return true;
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }
}
