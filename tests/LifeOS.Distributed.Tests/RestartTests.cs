using System.Diagnostics;

namespace LifeOS.Distributed.Tests;

/// <summary>
/// Durability across the split services: the persistence worker, and PostgreSQL itself, go down while agents ingest;
/// every acknowledged event ends up stored exactly once, and the ledgers show no false gaps.
/// </summary>
public sealed class RestartTests(ITestOutputHelper output)
{
    private const int ClientCount = 4;

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
            var clients = Enumerable.Range(1, ClientCount).Select(n => new IngestingClient(n, 1 + n % 2, api, seed + n)).ToList();
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
            problems.AddRange(await StoreAudit.CheckAsync(api, sent, acknowledged, cancellationToken));
            problems.AddRange(await DatabaseAudit.CheckAsync(stack.Database, sent.Count, cancellationToken));
            problems.AddRange(clients.Where(c => c.Stats.BatchesAcknowledged == 0).Select(c => $"client {c.Number} had nothing acknowledged"));

            notes.Add($"{ClientCount} clients, {sent.Count} events: {ClientStats.Sum(clients.Select(c => c.Stats))}");
            notes.ForEach(output.WriteLine);
            Assert.True(problems.Count == 0,
                string.Join('\n', [$"{problems.Count} broken promises (seed {seed}):", .. problems.Take(40), .. notes, stack.LogTails()]));
        }
    }
}
