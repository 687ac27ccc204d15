using System.Globalization;
using LifeOS.Contracts;
using LifeOS.Postgres.Tests.Support;
using LifeOS.Storage.Sqlite;

namespace LifeOS.Postgres.Tests.Store;

/// <summary>
/// The embedded SQLite store and the PostgreSQL store, fed the same random batches (replays, equal timestamps,
/// sub-microsecond ticks, odd offsets, several users), must give the same answer to every query.
/// </summary>
public sealed class StoresAgreeTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = Events.Start;
    private static readonly string[] Users = ["alice", "bob"];
    private static readonly string[] Devices = ["watch", "phone", "ring/left"];
    private readonly TempDirectory _directory = new();
    private readonly OpenedDatabases _opened = new();
    private SqliteLifeStore _sqlite = null!;
    private PostgresLifeStore _postgres = null!;
    private SqliteDeviceLedger _sqliteLedger = null!;
    private PostgresDeviceLedger _postgresLedger = null!;

    public async ValueTask InitializeAsync()
    {
        var database = _opened.Open(await TestDatabases.CreateMigratedAsync(server));
        _sqlite = new SqliteLifeStore(_directory.File("store.db"));
        _sqliteLedger = new SqliteDeviceLedger(_directory.File("ledger.db"));
        _postgres = new PostgresLifeStore(database);
        _postgresLedger = new PostgresDeviceLedger(database);
    }

    public async ValueTask DisposeAsync()
    {
        _sqlite.Dispose();
        await _sqliteLedger.DisposeAsync();
        await _opened.DisposeAsync();
        _directory.Dispose();
    }

    private static LifeEvent RandomEvent(Random random, string user, string device, long seq)
    {
        // Sub-microsecond ticks and a non-UTC offset: both stores must truncate and normalise alike. Some times repeat.
        var time = T0.AddSeconds(random.Next(0, 6 * 3600)).AddTicks(random.Next(0, 10_000_000))
            .ToOffset(TimeSpan.FromHours(random.Next(-5, 6)));
        if (random.Next(10) == 0)
            time = T0.AddMinutes(random.Next(0, 3));
        var value = random.Next(30, 200);
        return random.Next(6) switch
        {
            0 or 1 => Events.HeartRate(user, device, seq, time, value),
            2 => Events.Make(user, "device.health.steps", device, seq, time, $$"""{"value":{{value}}}"""),
            3 => Events.Make(user, "device.sensor.gps", device, seq, time,
                $$"""{"lat":{{(random.NextDouble() * 180 - 90).ToString("R", CultureInfo.InvariantCulture)}},"lon":13.5 }"""),
            4 => Events.Make(user, "device.image.camera", device, seq, time,
                $$$"""{"camera":"front","blob":{"sha256":"{{{random.Next(0, 20):x64}}}","size":{{{value}}},"contentType":"image/png"}}"""),
            _ => Events.Make(user, "os.events.app_lifecycle", device, seq, time, $$"""{"app":"com.example.{{value}}", "state" : "foreground"}"""),
        } with { Id = random.Next(8) == 0 ? $"shared-{random.Next(0, 30)}" : $"{user}-{device}-{seq}" };
    }

    [Fact]
    public async Task Every_query_answers_the_same_on_sqlite_and_postgresql()
    {
        var seed = Random.Shared.Next();
        TestContext.Current.SendDiagnosticMessage($"seed {seed}");
        var random = new Random(seed);
        var sent = new List<LifeEvent>();
        for (var batch = 0; batch < 25; batch++)
        {
            var events = new List<LifeEvent>();
            for (var i = 0; i < random.Next(1, 300); i++)
            {
                // Replays: often an event already sent, sometimes a same-seq event with other content.
                events.Add(sent.Count > 0 && random.Next(5) == 0
                    ? sent[random.Next(sent.Count)]
                    : RandomEvent(random, Users[random.Next(Users.Length)], Devices[random.Next(Devices.Length)], random.Next(0, 2000)));
            }

            sent.AddRange(events);
            Assert.Equal(await _sqlite.WriteAsync(events), await _postgres.WriteAsync(events));
        }

        foreach (var user in Users.Append("nobody"))
        {
            foreach (var limit in new[] { 1, 37, 1000 })
                Assert.Equal(await ReadAll(_sqlite, user, limit), await ReadAll(_postgres, user, limit));

            var window = new TimelineQuery(user, T0.AddMinutes(30), T0.AddHours(2).AddTicks(5), ["device.health.heartrate", "os.events.app_lifecycle"], "phone", 50, null);
            Assert.Equal(Describe(await _sqlite.GetTimelineAsync(window)), Describe(await _postgres.GetTimelineAsync(window)));

            foreach (var type in new[] { "device.health.heartrate", "device.health.steps" })
            {
                foreach (var bucket in new[] { TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(7), TimeSpan.FromHours(1), TimeSpan.FromDays(1) })
                {
                    foreach (var aggregate in Enum.GetValues<MetricAggregate>())
                    {
                        var query = new MetricsQuery(user, type, T0.AddMinutes(-3), T0.AddHours(5).AddTicks(3), bucket, aggregate);
                        Assert.Equal(await _sqlite.GetMetricBucketsAsync(query), await _postgres.GetMetricBucketsAsync(query));
                    }
                }
            }

            for (var sha = 0; sha < 22; sha++)
                Assert.Equal(await _sqlite.FindMediaAsync(user, $"{sha:x64}"), await _postgres.FindMediaAsync(user, $"{sha:x64}"));
        }
    }

    [Fact]
    public async Task The_ledgers_agree_on_every_view_and_lookup()
    {
        var seed = Random.Shared.Next();
        TestContext.Current.SendDiagnosticMessage($"seed {seed}");
        var random = new Random(seed);
        for (var call = 0; call < 60; call++)
        {
            var user = Users[random.Next(Users.Length)];
            var events = Enumerable.Range(0, random.Next(1, 40))
                .Select(_ => new EventIdentity(Devices[random.Next(Devices.Length)], random.Next(0, 400), random.Next(4) == 0 ? $"c{random.Next(0, 50)}" : null))
                .ToList();
            await _sqliteLedger.RecordAsync(user, events);
            await _postgresLedger.RecordAsync(user, events);
        }

        foreach (var user in Users.Append("nobody"))
        {
            foreach (var device in Devices.Append("unknown"))
            {
                var expected = await _sqliteLedger.GetAsync(user, device);
                var actual = await _postgresLedger.GetAsync(user, device);
                Assert.Equal(expected is null, actual is null);
                if (expected is not null)
                    Assert.Equal((expected.LowSeq, expected.HighSeq, expected.Received, expected.GapsTruncated, string.Join(",", expected.Gaps)),
                        (actual!.LowSeq, actual.HighSeq, actual.Received, actual.GapsTruncated, string.Join(",", actual.Gaps)));
            }

            Assert.Equal(await _sqliteLedger.GetHighSeqsAsync(user, Devices), await _postgresLedger.GetHighSeqsAsync(user, Devices));
            var probes = Enumerable.Range(0, 200)
                .Select(_ => new EventIdentity(Devices[random.Next(Devices.Length)], random.Next(-5, 420), random.Next(3) == 0 ? $"c{random.Next(0, 60)}" : null))
                .ToList();
            Assert.Equal(await _sqliteLedger.FindAcceptedAsync(user, probes), await _postgresLedger.FindAcceptedAsync(user, probes));
        }
    }

    private static async Task<List<string>> ReadAll(ILifeStore store, string user, int limit)
    {
        var lines = new List<string>();
        TimelinePosition? after = null;
        do
        {
            var page = await store.GetTimelineAsync(new TimelineQuery(user, DateTimeOffset.UnixEpoch, T0.AddYears(1), null, null, limit, after));
            lines.AddRange(Describe(page));
            after = page.Next;
        }
        while (after is not null);
        return lines;
    }

    private static List<string> Describe(TimelinePage page) =>
    [
        .. page.Items.Select(i => $"{i.Id}|{i.Type}|{i.Device}|{i.Seq}|{i.Time.UtcTicks}|{i.Time.Offset}|{i.Data.GetRawText()}"),
        $"next {page.Next?.Time.UtcTicks} {page.Next?.Id}",
    ];
}
