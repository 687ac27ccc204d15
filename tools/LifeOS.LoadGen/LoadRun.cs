using System.Diagnostics;

namespace LifeOS.LoadGen;

/// <summary>One run from start to summary: server, traffic, wait for persistence, SQLite baseline, figures.</summary>
public static class LoadRun
{
    private static readonly TimeSpan PersistTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan PersistPollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<int> ExecuteAsync(LoadGenOptions options, CancellationToken cancellationToken)
    {
        SelfHostedServer? server = null;
        try
        {
            if (options.Url is null)
            {
                Console.Error.WriteLine("starting LifeOS.Server ...");
                server = await SelfHostedServer.StartAsync(cancellationToken);
                Console.Error.WriteLine($"server up at {server.BaseUrl} ({server.DllPath})");
            }

            var baseUrl = server?.BaseUrl ?? options.Url!;
            using var client = new IngestClient(baseUrl, server?.Token ?? options.Token!, options.Concurrency);
            if (server is null && !await client.IsHealthyAsync(cancellationToken))
            {
                Console.Error.WriteLine($"error: GET /health on {baseUrl} did not answer 200.");
                return 2;
            }

            var summary = await RunAsync(options, client, server, cancellationToken);
            if (options.Json)
                summary.WriteJson(Console.Out);
            else
                summary.WriteText(Console.Out);

            if (server is { HasExited: true })
            {
                Console.Error.WriteLine($"error: the server exited during the run. Its last output:{Environment.NewLine}{server.OutputTail}");
                return 1;
            }

            return summary.Passed ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled.");
            return 130;
        }
        catch (ServerStartException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 2;
        }
        finally
        {
            if (server is not null)
                await server.DisposeAsync();
        }
    }

    private static async Task<RunSummary> RunAsync(
        LoadGenOptions options, IngestClient client, SelfHostedServer? server, CancellationToken cancellationToken)
    {
        var lanes = CreateLanes(options);
        try
        {
            var (startedAt, lastAckAt, latencies, generatorSeconds) = await SendTrafficAsync(options, lanes, client, cancellationToken);

            var acknowledged = lanes.Sum(l => l.Acknowledged);
            var persistedAt = await WaitForPersistenceAsync(client, cancellationToken);

            var perDevice = new long[options.Devices];
            foreach (var lane in lanes)
                lane.AddAckedPerDevice(perDevice);
            var baselineRows = options.BaselineRows ?? acknowledged;
            BaselineResult? baseline = null;
            if (baselineRows > 0)
            {
                Console.Error.WriteLine($"baseline: inserting {baselineRows:N0} rows into a fresh SQLite file ...");
                baseline = SqliteBaseline.Run(
                    options, baselineRows, options.BaselineRows is null ? perDevice : null, cancellationToken);
            }

            var sendSeconds = Stopwatch.GetElapsedTime(startedAt, lastAckAt).TotalSeconds;
            var percentiles = latencies.PercentilesMs(50, 95, 99);
            double? persistedRate = persistedAt is { } p ? acknowledged / Stopwatch.GetElapsedTime(startedAt, p).TotalSeconds : null;
            return new RunSummary
            {
                Server = server is null ? options.Url!.ToString() : $"self-hosted {server.BaseUrl} ({server.DllPath})",
                Devices = options.Devices,
                Seconds = options.Seconds,
                Batch = options.Batch,
                Concurrency = lanes.Length,
                Format = options.Format,
                Seed = options.Seed,
                RunTag = options.RunTag,
                EventsAcknowledged = acknowledged,
                EventsAccepted = lanes.Sum(l => l.Accepted),
                Duplicates = lanes.Sum(l => l.Duplicates),
                Rejected = lanes.Sum(l => l.Rejected),
                Requests = lanes.Sum(l => l.Requests),
                FailedRequests = lanes.Sum(l => l.FailedRequests),
                Retries = client.Retries,
                AckAnomalies = lanes.Sum(l => l.Anomalies),
                SendSeconds = sendSeconds,
                AckedEventsPerSecond = acknowledged / sendSeconds,
                RequestMegabytesPerSecond = lanes.Sum(l => l.BytesSent) / 1e6 / sendSeconds,
                LatencyP50Ms = NullIfNaN(percentiles[0]),
                LatencyP95Ms = NullIfNaN(percentiles[1]),
                LatencyP99Ms = NullIfNaN(percentiles[2]),
                GeneratorCores = generatorSeconds / sendSeconds,
                Persisted = persistedAt is not null,
                PersistSecondsAfterLastAck = persistedAt is { } at ? Stopwatch.GetElapsedTime(lastAckAt, at).TotalSeconds : null,
                PersistedEventsPerSecond = persistedRate,
                BaselineRows = baseline?.Rows,
                BaselineSeconds = baseline?.Elapsed.TotalSeconds,
                BaselineRowsPerSecond = baseline?.RowsPerSecond,
                PersistedToBaselineRatio = persistedRate is { } rate && baseline is { RowsPerSecond: > 0 } b ? rate / b.RowsPerSecond : null,
            };
        }
        finally
        {
            foreach (var lane in lanes)
                lane.Dispose();
        }
    }

    /// <summary>Sends from every lane until the run's time is up; when it started and ended, latencies, generator seconds.</summary>
    private static async Task<(long StartedAt, long LastAckAt, LatencyRecorder Latencies, double GeneratorSeconds)> SendTrafficAsync(
        LoadGenOptions options, Lane[] lanes, IngestClient client, CancellationToken cancellationToken)
    {
        foreach (var lane in lanes)
            lane.Prefill();
        var prefillSeconds = lanes.Sum(l => l.GenerationTime.TotalSeconds);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producers = lanes.Select(l => l.ProduceAsync(stop.Token)).ToArray();
        var latencies = new LatencyRecorder();
        Console.Error.WriteLine($"sending for {options.Seconds} s from {options.Devices} devices in {lanes.Length} lanes ...");
        var startedAt = Stopwatch.GetTimestamp();
        var progress = ProgressReporter.RunAsync(() => lanes.Sum(l => l.Acknowledged), client, startedAt, stop.Token);
        try
        {
            var stopAt = startedAt + (options.Seconds * Stopwatch.Frequency);
            await Task.WhenAll(lanes.Select(l => l.SendAsync(client, latencies, stopAt, cancellationToken)));
            var lastAckAt = Stopwatch.GetTimestamp();
            return (startedAt, lastAckAt, latencies, lanes.Sum(l => l.GenerationTime.TotalSeconds) - prefillSeconds);
        }
        finally
        {
            // Generators stop before their lanes are disposed: a writer must not be disposed mid-batch.
            await stop.CancelAsync();
            await Task.WhenAll(producers);
            await progress;
        }
    }

    /// <summary>Deals the devices out to lanes like cards, starting each round one lane later.</summary>
    /// <remarks>Phones and watches alternate, so with plain dealing an even lane count would give some lanes only phones.</remarks>
    private static Lane[] CreateLanes(LoadGenOptions options)
    {
        var devices = TrafficModel.CreateDevices(options.Devices, options.Seed, options.RunTag);
        var lanes = options.Concurrency;
        return [.. Enumerable.Range(0, lanes).Select(lane =>
        {
            var indexes = Enumerable.Range(0, devices.Length).Where(i => (i + (i / lanes)) % lanes == lane).ToArray();
            return new Lane([.. indexes.Select(i => devices[i])], indexes, options.Batch, options.Format);
        })];
    }

    /// <summary>Polls the pipeline until every consumer group's lag is 0; the Stopwatch timestamp then, or null on timeout.</summary>
    private static async Task<long?> WaitForPersistenceAsync(IngestClient client, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var lastReport = started;
        var warnedEmpty = false;
        string? lastWarning = null;
        while (Stopwatch.GetElapsedTime(started) < PersistTimeout)
        {
            try
            {
                var status = await client.GetPipelineAsync(cancellationToken);
                if (status.Groups is not { Count: > 0 } && !warnedEmpty)
                {
                    Console.Error.WriteLine("warning: GET /v1/pipeline lists no consumer groups; taking that as nothing left to persist.");
                    warnedEmpty = true;
                }

                if (status.TotalLag == 0)
                    return Stopwatch.GetTimestamp();
                if (Stopwatch.GetElapsedTime(lastReport) >= TimeSpan.FromSeconds(1))
                {
                    lastReport = Stopwatch.GetTimestamp();
                    Console.Error.WriteLine("persisting: " + string.Join(", ", status.Groups!.Select(g => $"{g.Group} lag {g.Lag:N0}")));
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException
                || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Polled every 50 ms: say each distinct problem once, not twenty times a second.
                if (ex.Message != lastWarning)
                    Console.Error.WriteLine("warning: " + ex.Message);
                lastWarning = ex.Message;
            }

            await Task.Delay(PersistPollInterval, cancellationToken);
        }

        return null;
    }

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}
