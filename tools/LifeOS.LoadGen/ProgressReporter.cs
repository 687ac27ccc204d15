using System.Diagnostics;

namespace LifeOS.LoadGen;

/// <summary>Prints a line to stderr every second: events acknowledged, rates so far, and the pipeline's lag.</summary>
public static class ProgressReporter
{
    public static async Task RunAsync(Func<long> acknowledged, IngestClient client, long startedAt, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var previous = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = acknowledged();
                var elapsed = Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
                var lag = await TryLagAsync(client, stop);
                Console.Error.WriteLine(
                    $"[{elapsed,5:0.0}s] acked {now,12:N0}  {now / elapsed,9:N0} ev/s so far  {now - previous,9:N0} last second  lag {lag}");
                previous = now;
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>The total lag, or "?" when the server is too busy to say within the second.</summary>
    public static async Task<string> TryLagAsync(IngestClient client, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(900));
        try
        {
            var status = await client.GetPipelineAsync(timeout.Token);
            return status.TotalLag.ToString("N0");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return "?";
        }
    }
}
