using System.Diagnostics;

namespace LifeOS.Distributed.Tests;

/// <summary>
/// Durability across the split services: the persistence worker, and PostgreSQL itself, go down while agents ingest;
/// every acknowledged event ends up stored exactly once, and the ledgers show no false gaps.
/// </summary>
public sealed class RestartTests(ITestOutputHelper output)
{
    private const int ClientCount = 4;

    // librdkafka's mock cluster keeps a bounded log per partition and drops its oldest messages beyond that, as a real
    // broker's retention would. Flat-out senders (90k events in 15 s) filled it, so a worker held up by restarts found
    // unread messages gone: the raw topics then held exactly what the store held, fewer than were acknowledged. That
    // is the mock's retention, not a LifeOS loss; paced senders stay well below it.
    private static readonly TimeSpan PauseBetweenBatches = TimeSpan.FromMilliseconds(40);

    [Fact(Timeout = 240_000)]
    public async Task Killing_and_restarting_the_persistence_worker_mid_stream_loses_nothing_and_duplicates_nothing()
    {
        await RunUnderLoadAsync(async (stack, random, notes, cancellationToken) =>
        {
            for (var cycle = 1; cycle <= 2; cycle++)
            {
                await Task.Delay(random.Next(1000, 2500), cancellationToken);
                stack.Persistence.Kill();
                notes.Add($"cycle {cycle}: persistence worker SIGKILLed");
                await Task.Delay(random.Next(200, 1500), cancellationToken);
                await stack.Persistence.StartAsync(cancellationToken);
            }

            // A graceful stop too: the consumer closes and commits what it finished.
            await Task.Delay(random.Next(500, 1500), cancellationToken);
            await stack.Persistence.StopAsync(cancellationToken);
            notes.Add("persistence worker stopped with SIGTERM");
            await stack.Persistence.StartAsync(cancellationToken);
        });
    }

    [Fact(Timeout = 240_000)]
    public async Task Restarting_PostgreSQL_mid_stream_loses_nothing_and_duplicates_nothing()
    {
        await RunUnderLoadAsync(async (stack, random, notes, cancellationToken) =>
        {
            for (var cycle = 1; cycle <= 2; cycle++)
            {
                await Task.Delay(random.Next(1000, 2500), cancellationToken);
                // Down long enough that requests and worker batches meet a dead database, not just a blip.
                var down = Stopwatch.StartNew();
                await stack.Postgres.StopAsync();
                await Task.Delay(random.Next(500, 2000), cancellationToken);
                await stack.Postgres.StartAsync();
                notes.Add($"cycle {cycle}: PostgreSQL down for {down.ElapsedMilliseconds} ms");
            }
        });
    }

    /// <summary>
    /// Audits the store; when events are missing, keeps auditing for a while, so an event stored late (lag reported
    /// drained too early) is told apart from one that is lost, and the note says which it was.
    /// </summary>
    private static async Task<List<string>> AuditAsync(
        DistributedStack stack, ServerApi api, Dictionary<(string Device, long Seq), SentEvent> sent,
        HashSet<(string Device, long Seq)> acknowledged, List<string> notes, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var problems = await StoreAudit.CheckAsync(api, sent, acknowledged, cancellationToken);
            problems.AddRange(await DatabaseAudit.CheckAsync(stack.Database, sent.Count, cancellationToken));
            if (problems.Count == 0 || waited.Elapsed > LateArrivalGrace)
            {
                if (problems.Count == 0 && waited.Elapsed > TimeSpan.FromSeconds(1))
                    notes.Add($"the store was complete only {waited.Elapsed.TotalSeconds:0.0} s after the pipeline reported no lag");
                return problems;
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    /// <summary>How many messages the raw topics hold: tells a loss in the log from a loss between the log and the store.</summary>
    private static async Task<long> CountLoggedAsync(DistributedStack stack)
    {
        await using var log = new LifeOS.Eventing.Kafka.KafkaEventLog(
            new LifeOS.Eventing.Kafka.KafkaEventLogOptions { BootstrapServers = stack.Kafka.BootstrapServers }, null);
        var topics = LifeOS.Contracts.TopicCatalogue.Raw.Select(t => t.Name).ToList();
        return await log.GetLagAsync("audit-never-committed", topics);
    }

    private static readonly TimeSpan LateArrivalGrace = TimeSpan.FromSeconds(30);

    private async Task RunUnderLoadAsync(Func<DistributedStack, Random, List<string>, CancellationToken, Task> disrupt)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var seed = TestSeed.Choose(output);
        var random = new Random(seed);
        await using var stack = new DistributedStack();
        await stack.InitializeAsync();
        var (ingest, read) = stack.CreateClients();
        using (ingest)
        using (read)
        {
            var api = new ServerApi(ingest, read);
            var clients = Enumerable.Range(1, ClientCount).Select(n => new IngestingClient(n, 1 + n % 2, api, seed + n, PauseBetweenBatches)).ToList();
            var notes = new List<string>();
            using var stopLoad = new CancellationTokenSource();
            var load = clients.Select(c => Task.Run(() => c.RunAsync(stopLoad.Token, cancellationToken), cancellationToken)).ToArray();

            await disrupt(stack, random, notes, cancellationToken);

            await Task.Delay(random.Next(500, 1500), cancellationToken);
            stopLoad.Cancel();
            try
            {
                await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
                await api.WaitForZeroLagAsync(TimeSpan.FromSeconds(90), cancellationToken);
            }
            catch (TimeoutException ex)
            {
                Assert.Fail(string.Join('\n', [ex.Message, .. notes, stack.LogTails()]));
            }

            var sent = clients.SelectMany(c => c.Sent).ToDictionary();
            var acknowledged = clients.SelectMany(c => c.Acknowledged).ToHashSet();
            var problems = clients.SelectMany(c => c.Problems).ToList();
            problems.AddRange(await AuditAsync(stack, api, sent, acknowledged, notes, cancellationToken));
            problems.AddRange(clients.Where(c => c.Stats.BatchesAcknowledged == 0).Select(c => $"client {c.Number} had nothing acknowledged"));

            notes.Add($"{ClientCount} clients, {sent.Count} events: {ClientStats.Sum(clients.Select(c => c.Stats))}");
            if (problems.Count > 0)
                notes.Add($"the log holds {await CountLoggedAsync(stack)} messages on the raw topics (a group that never committed lags by all of them)");
            notes.ForEach(output.WriteLine);
            Assert.True(problems.Count == 0,
                string.Join('\n', [$"{problems.Count} broken promises (seed {seed}):", .. problems.Take(40), .. notes, stack.LogTails()]));
        }
    }
}
