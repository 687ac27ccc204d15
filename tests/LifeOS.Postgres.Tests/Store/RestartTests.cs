using System.Collections.Concurrent;
using LifeOS.Contracts;
using LifeOS.Postgres.Tests.Support;

namespace LifeOS.Postgres.Tests.Store;

/// <summary>A cluster of these tests' own (restarting the shared one would disturb every other test class).</summary>
public sealed class RestartableServer : IAsyncLifetime
{
    public PostgresServer Server { get; } = new();

    public ValueTask InitializeAsync() => Server.InitializeAsync();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>The stores across PostgreSQL restarts: the same objects reconnect, writes in flight are retried, nothing acknowledged is lost.</summary>
public sealed class RestartTests(RestartableServer cluster) : IClassFixture<RestartableServer>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = Events.Start;
    private readonly OpenedDatabases _opened = new();
    private PostgresServer Server => cluster.Server;
    private PostgresDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(Server.CanRestart, Server.CannotRestartReason ?? "");
        _database = _opened.Open(await TestDatabases.CreateMigratedAsync(Server));
    }

    public ValueTask DisposeAsync() => _opened.DisposeAsync();

    private static List<LifeEvent> HeartRates(string device, int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => Events.HeartRate("u1", device, i, T0.AddSeconds(i), 60 + (i % 50)))];

    private async Task<int> TimelineCountAsync(PostgresLifeStore store)
    {
        var count = 0;
        TimelinePosition? after = null;
        do
        {
            var page = await store.GetTimelineAsync(new TimelineQuery("u1", T0.AddDays(-1), T0.AddDays(30), null, null, 5000, after));
            count += page.Items.Count;
            after = page.Next;
        }
        while (after is not null);
        return count;
    }

    [Fact]
    public async Task The_same_store_objects_work_after_a_restart_and_keep_what_was_committed()
    {
        var store = new PostgresLifeStore(_database);
        var ledger = new PostgresDeviceLedger(_database);
        var accounts = new PostgresAccountStore(_database);
        await store.WriteAsync(HeartRates("watch", 1, 100));
        await ledger.RecordAsync("u1", [.. Enumerable.Range(1, 100).Select(i => new EventIdentity("watch", i, null))]);
        await accounts.EnsureUserAsync("u1", "User One");

        await Server.RestartAsync();

        Assert.Equal(100, await store.WriteAsync(HeartRates("watch", 101, 100)));
        await ledger.RecordAsync("u1", [new EventIdentity("watch", 300, "late")]);
        Assert.Equal(200, await TimelineCountAsync(store));
        var view = await ledger.GetAsync("u1", "watch");
        Assert.Equal(101, view!.Received);
        Assert.Equal([new SeqGap(101, 299)], view.Gaps);
        Assert.True(await accounts.AnyUserAsync());
    }

    [Fact]
    public async Task Writes_while_the_server_is_down_wait_for_it_and_nothing_acknowledged_is_lost_or_doubled()
    {
        var store = new PostgresLifeStore(_database);
        var acknowledged = new ConcurrentBag<int>();
        var failures = new ConcurrentBag<Exception>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            for (var batch = 0; !stop.IsCancellationRequested; batch++)
            {
                var events = HeartRates($"device-{w}", batch * 200, 200);
                try
                {
                    await store.WriteAsync(events);
                    acknowledged.Add(events.Count);
                }
                catch (Exception ex)
                {
                    failures.Add(ex);
                    return;
                }
            }
        })).ToList();

        await Task.Delay(500);
        await Server.StopAsync();
        // Down long enough that several writes fail at least once and wait.
        await Task.Delay(1500);
        await Server.StartAsync();
        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.Empty(failures);
        Assert.Equal(acknowledged.Sum(), await TimelineCountAsync(store));
        Assert.True(acknowledged.Count > 6, $"only {acknowledged.Count} batches were written; the test did not exercise the restart");
    }
}
