using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace LifeOS.EndToEnd.Tests;

/// <summary>The durability promise end to end: the real server is SIGKILLed while clients ingest, restarted on the same data, and nothing acknowledged is lost or stored twice.</summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int ClientCount = 6;
    private const int KillCycles = 2;
    private const int LargeBatch = 5000;
    private const int LargeBatchKills = 4;

    [Fact(Timeout = 150_000)]
    public async Task Kill_9_during_concurrent_ingest_loses_no_acknowledged_event_stores_none_twice_and_leaves_no_false_gaps()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var seed = TestSeed.Choose(output);
        var random = new Random(seed);
        using var data = new TempDirectory();
        await using var server = ServerProcess.Create(data.Path);
        await server.StartAsync(cancellationToken);
        using var http = ServerApi.CreateHttpClient(server.BaseAddress, ServerProcess.Token);
        var api = new ServerApi(http);
        var clients = Enumerable.Range(1, ClientCount).Select(n => new IngestingClient(n, 1 + n % 2, api, seed + n)).ToList();
        var clock = Stopwatch.StartNew();
        var notes = new List<string>();
        string Report(string headline, IEnumerable<string> details) => FailureReport.Describe(seed, headline, notes.Concat(details), clients, server);

        using var stopLoad = new CancellationTokenSource();
        var load = clients.Select(c => Task.Run(() => c.RunAsync(stopLoad.Token, cancellationToken), cancellationToken)).ToArray();

        for (var cycle = 1; cycle <= KillCycles; cycle++)
        {
            // In the middle of steady ingest.
            await Task.Delay(random.Next(1000, 3001), cancellationToken);
            notes.Add(await KillAsync(server, api, clients, "under load", clock, cancellationToken));
            await server.StartAsync(cancellationToken);

            // Soon after the restart, while resent batches arrive and the persistence worker catches up.
            await Task.Delay(random.Next(100, 801), cancellationToken);
            notes.Add(await KillAsync(server, api, clients, "during recovery", clock, cancellationToken));

            // During start-up: anywhere from opening the files to just after /health first answers.
            var startup = server.LastStartup;
            server.Launch();
            await Task.Delay(random.Next(1, Math.Max(2, (int)(startup.TotalMilliseconds * 1.2))), cancellationToken);
            notes.Add(await KillAsync(server, api, clients, $"during start-up (which took {startup.TotalMilliseconds:0} ms)", clock, cancellationToken));
            await server.StartAsync(cancellationToken);
        }

        await Task.Delay(random.Next(1000, 2001), cancellationToken);
        stopLoad.Cancel();
        try
        {
            // Each client resends the batch in hand until it is answered.
            await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            await api.WaitForZeroLagAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Assert.Fail(Report("The load did not finish or the pipeline did not drain after the restarts: " + ex, []));
        }

        var sent = clients.SelectMany(c => c.Sent).ToDictionary();
        var acknowledged = clients.SelectMany(c => c.Acknowledged).ToHashSet();
        var problems = clients.SelectMany(c => c.Problems).ToList();
        problems.AddRange(await StoreAudit.CheckAsync(api, sent, acknowledged, cancellationToken));
        var idle = clients.Where(c => c.Stats.BatchesAcknowledged == 0).Select(c => $"client {c.Number} had nothing acknowledged");
        problems.AddRange(idle);

        notes.Add($"{ClientCount} clients, {sent.Count} events on {clients.Sum(c => c.Devices.Count)} devices: {ClientStats.Sum(clients.Select(c => c.Stats))}");
        notes.Add($"done in {clock.Elapsed.TotalSeconds:0.0} s");
        notes.ForEach(output.WriteLine);
        Assert.True(problems.Count == 0, Report($"{problems.Count} broken promises after {server.Starts - 1} kills:", problems));
    }

    [Fact(Timeout = 120_000)]
    public async Task Kill_9_while_a_5000_event_batch_is_in_flight_then_a_resend_stores_it_exactly_once()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var seed = TestSeed.Choose(output);
        var random = new Random(seed);
        using var data = new TempDirectory();
        await using var server = ServerProcess.Create(data.Path);
        await server.StartAsync(cancellationToken);
        using var http = ServerApi.CreateHttpClient(server.BaseAddress, ServerProcess.Token);
        var api = new ServerApi(http);
        var sent = new Dictionary<(string Device, long Seq), SentEvent>();
        var acknowledged = new HashSet<(string Device, long Seq)>();
        var notes = new List<string>();
        string Report(string headline, IEnumerable<string> details) => FailureReport.Describe(seed, headline, notes.Concat(details), [], server);

        // Uninterrupted batches first (the first one pays for JIT): the last one's duration is the window the kill must land in.
        var duration = TimeSpan.Zero;
        for (var warmUp = 0; warmUp < 2; warmUp++)
        {
            var events = TestEvents.Range(random, "bulk-0", 1 + warmUp * LargeBatch, LargeBatch);
            var timer = Stopwatch.StartNew();
            var answer = await api.IngestAsync(TestEvents.ToJson(events), cancellationToken);
            duration = timer.Elapsed;
            Assert.True(answer.Answer?.Accepted == LargeBatch, Report($"a warm-up batch answered {(int)answer.Status}: {answer.Body}", []));
            Record(events);
        }

        notes.Add($"a {LargeBatch}-event batch takes {duration.TotalMilliseconds:0} ms here");

        // Each attempt kills within its own slice of the batch's duration: upload, parse, append, ledger, answer.
        var cutOff = 0;
        for (var attempt = 1; attempt <= LargeBatchKills; attempt++)
        {
            var device = $"bulk-{attempt}";
            var events = TestEvents.Range(random, device, 1, LargeBatch);
            var json = TestEvents.ToJson(events);
            foreach (var e in events)
                sent.Add((e.Device, e.Seq), e);

            var slice = duration.TotalMilliseconds / LargeBatchKills;
            var sliceStart = (int)(slice * (attempt - 1));
            var delay = 1 + random.Next(sliceStart, Math.Max(sliceStart + 1, (int)(slice * attempt)));
            var send = api.IngestAsync(json, cancellationToken);
            await Task.Delay(delay, cancellationToken);
            server.Kill();
            string outcome;
            try
            {
                var answer = await send;
                outcome = $"answered {(int)answer.Status} before the kill";
            }
            catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError)
            {
                outcome = "never connected";
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                outcome = "cut off by the kill (in doubt)";
                cutOff++;
            }

            await server.StartAsync(cancellationToken);
            var resent = await api.IngestAsync(json, cancellationToken);
            Assert.True(resent.Status == HttpStatusCode.Accepted, Report($"the resend of {device} answered {(int)resent.Status}: {resent.Body}", []));
            var (accepted, duplicates) = (resent.Answer!.Accepted, resent.Answer.Duplicates);
            notes.Add($"attempt {attempt}: killed {delay} ms after sending {device}: {outcome}; the resend found {duplicates} already stored, accepted {accepted}");
            Assert.True(accepted + duplicates == LargeBatch, Report($"the resend of {device} was not fully accepted", []));
            if (outcome.StartsWith("answered 202", StringComparison.Ordinal))
                Assert.True(duplicates == LargeBatch, Report($"{device} was acknowledged before the kill, yet the restarted server took {accepted} of it as new", []));
            Record(events);
        }

        notes.ForEach(output.WriteLine);
        Assert.True(cutOff > 0, Report("No kill landed while a large batch was in flight; the test proved nothing.", []));

        await api.WaitForZeroLagAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var problems = await StoreAudit.CheckAsync(api, sent, acknowledged, cancellationToken);
        Assert.True(problems.Count == 0, Report($"{problems.Count} broken promises:", problems));

        void Record(IEnumerable<SentEvent> events)
        {
            foreach (var e in events)
            {
                sent.TryAdd((e.Device, e.Seq), e);
                acknowledged.Add((e.Device, e.Seq));
            }
        }
    }

    private static async Task<string> KillAsync(
        HostProcess server, ServerApi api, IReadOnlyList<IngestingClient> clients, string moment, Stopwatch clock, CancellationToken cancellationToken)
    {
        // The lag says how much acknowledged data the kill catches not yet persisted (absent: the server did not answer).
        string lag;
        try
        {
            using var quick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quick.CancelAfter(TimeSpan.FromSeconds(1));
            lag = (await api.GetLagAsync(quick.Token)).ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when ((ex is HttpRequestException or OperationCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            lag = "unknown (not answering)";
        }

        var inFlight = clients.Count(c => c.InFlight);
        server.Kill();
        var acknowledged = clients.Sum(c => c.Stats.EventsAcknowledged);
        return $"kill {server.Starts} {moment} at {clock.Elapsed.TotalSeconds:0.0} s: {inFlight} requests in flight, "
            + $"persistence lag {lag}, {acknowledged} events acknowledged so far";
    }
}
