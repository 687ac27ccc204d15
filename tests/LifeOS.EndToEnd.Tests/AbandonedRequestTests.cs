using System.Diagnostics;
using System.Net;

namespace LifeOS.EndToEnd.Tests;

/// <summary>A client that hangs up mid-request and never resends: whatever the server kept, its ledger must account for (no false gaps).</summary>
public sealed class AbandonedRequestTests(ITestOutputHelper output)
{
    private const int BatchSize = 5000;
    private const int Attempts = 8;

    [Fact(Timeout = 90_000)]
    public async Task A_request_the_client_abandons_mid_flight_leaves_no_stored_event_that_the_ledger_calls_missing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var seed = TestSeed.Choose(output);
        var random = new Random(seed);
        using var data = new TempDirectory();
        await using var server = ServerProcess.Create(data.Path);
        await server.StartAsync(cancellationToken);
        using var http = ServerApi.CreateHttpClient(server.BaseAddress, ServerProcess.Token);
        var api = new ServerApi(http);
        var notes = new List<string>();
        string Report(string headline, IEnumerable<string> details) => FailureReport.Describe(seed, headline, notes.Concat(details), [], server);

        // The second uninterrupted batch's duration (the first pays for JIT) is the window the hang-ups are spread over.
        var duration = TimeSpan.Zero;
        for (var warmUp = 0; warmUp < 2; warmUp++)
        {
            var timer = Stopwatch.StartNew();
            var answer = await api.IngestAsync(TestEvents.ToJson(TestEvents.Range(random, "steady", 1 + warmUp * BatchSize, BatchSize)), cancellationToken);
            duration = timer.Elapsed;
            Assert.True(answer.Status == HttpStatusCode.Accepted, Report($"a warm-up batch answered {(int)answer.Status}: {answer.Body}", []));
        }

        var devices = new List<string>();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var device = $"gives-up-{attempt}";
            devices.Add(device);
            var first = await api.IngestAsync(TestEvents.ToJson(TestEvents.Range(random, device, 1, 10)), cancellationToken);
            Assert.True(first.Answer?.Accepted == 10, Report($"{device}: its first batch answered {(int)first.Status}: {first.Body}", []));

            var hangUpAfter = duration * attempt / (Attempts + 1);
            using var hangUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            hangUp.CancelAfter(hangUpAfter);
            string outcome;
            try
            {
                var answer = await api.IngestAsync(TestEvents.ToJson(TestEvents.Range(random, device, 11, BatchSize)), hangUp.Token);
                outcome = $"answered {(int)answer.Status}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                outcome = "hung up";
            }

            // The device carries on with its next seqs and never resends what it gave up on (its buffer was full, the app was closed).
            var next = await api.IngestAsync(TestEvents.ToJson(TestEvents.Range(random, device, 11 + BatchSize, 10)), cancellationToken);
            Assert.True(next.Answer?.Accepted == 10, Report($"{device}: the batch after the hang-up answered {(int)next.Status}: {next.Body}", []));
            notes.Add($"{device}: {outcome} after {hangUpAfter.TotalMilliseconds:0} ms of a ~{duration.TotalMilliseconds:0} ms batch");
        }

        notes.ForEach(output.WriteLine);
        await api.WaitForZeroLagAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var problems = new List<string>();
        foreach (var device in devices)
        {
            var stored = (await api.ReadTimelineAsync(device, cancellationToken)).Select(e => e.Seq).ToList();
            var ledger = await api.GetLedgerAsync(device, cancellationToken);
            if (ledger is null)
            {
                problems.Add($"{device}: the ledger answers 404 although the store holds {stored.Count} of its events");
                continue;
            }

            var distinct = stored.ToHashSet();
            if (distinct.Count != stored.Count)
                problems.Add($"{device}: {stored.Count - distinct.Count} seqs stored more than once");
            var falseGaps = distinct.Where(seq => ledger.Gaps.Any(g => g.From <= seq && seq <= g.To)).ToList();
            if (falseGaps.Count > 0)
                problems.Add($"{device}: the ledger reports {falseGaps.Count} seqs as missing that the store holds (FALSE gaps): {StoreAudit.Ranges(falseGaps)}");
            if (ledger.Received != distinct.Count)
                problems.Add($"{device}: the ledger says {ledger.Received} received, the store holds {distinct.Count}");
        }

        Assert.True(problems.Count == 0, Report(
            $"{problems.Count} ledgers disagree with the store after abandoned requests (likely cause: IngestPipeline passes "
            + "RequestAborted to the log append, so a hang-up after the append was queued skips the ledger record):", problems));
    }
}
