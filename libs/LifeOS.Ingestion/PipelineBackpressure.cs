using LifeOS.Eventing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LifeOS.Ingestion;

/// <summary>Slows acknowledgements while the pipeline lags too far behind, so the log cannot outrun the store forever.</summary>
/// <remarks>
/// Ingestion is cheaper than persistence; without this, a client sending as fast as it is acknowledged grows the
/// consumer lag without bound. Holding the acknowledgement back makes well-behaved clients slow down to the rate the
/// whole pipeline sustains. The lag is sampled in the background, so a request pays nothing while there is room.
/// </remarks>
public sealed class PipelineBackpressure(
    IEventLog log, IEnumerable<ConsumerGroupInfo> groups, IOptions<IngestionOptions> options, ILogger<PipelineBackpressure> logger)
    : BackgroundService
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(100);
    private volatile bool _saturated;
    private TaskCompletionSource _room = Completed();

    public long LastLag { get; private set; }

    /// <summary>Completes at once while there is room; otherwise when the lag falls, or throws <see cref="TimeoutException"/>.</summary>
    public async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        if (!_saturated)
            return;
        try
        {
            await Volatile.Read(ref _room).Task.WaitAsync(options.Value.MaxBackpressureWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the pipeline is {LastLag} events behind; retry shortly");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watched = groups.ToList();
        if (watched.Count == 0 || options.Value.MaxPipelineLag <= 0)
            return;

        using var timer = new PeriodicTimer(SampleEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                long lag = 0;
                foreach (var group in watched)
                    lag = Math.Max(lag, await log.GetLagAsync(group.Group, group.Topics, stoppingToken).ConfigureAwait(false));
                LastLag = lag;
                Update(lag > options.Value.MaxPipelineLag);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            Update(saturated: false);
        }
    }

    private void Update(bool saturated)
    {
        if (saturated == _saturated)
            return;
        if (saturated)
        {
            Volatile.Write(ref _room, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            _saturated = true;
            logger.LogInformation("Pipeline lag {Lag} is above {Max}; holding acknowledgements back", LastLag, options.Value.MaxPipelineLag);
        }
        else
        {
            _saturated = false;
            Volatile.Read(ref _room).TrySetResult();
        }
    }

    private static TaskCompletionSource Completed()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }
}
