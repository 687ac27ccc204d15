using LifeOS.Contracts;
using LifeOS.Postgres.Tests.Support;

namespace LifeOS.Postgres.Tests.Store;

/// <summary>The bulk write path under replays: whole batches again, overlapping batches, duplicates inside one batch, concurrent writers.</summary>
public sealed class ReplayTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = Events.Start;
    private readonly OpenedDatabases _opened = new();
    private string _database = "";
    private PostgresLifeStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync(server);
        _store = new PostgresLifeStore(_opened.Open(_database));
    }

    public ValueTask DisposeAsync() => _opened.DisposeAsync();

    /// <summary>Events of every projection kind, as one phone and one watch send them.</summary>
    private static List<LifeEvent> MixedEvents(int count, string user = "u1") =>
    [
        .. Enumerable.Range(1, count).Select(i => (i % 5) switch
        {
            0 => Events.HeartRate(user, "watch", i, T0.AddSeconds(i), 60 + (i % 40)),
            1 => Events.Make(user, "device.sensor.gps", "phone", i, T0.AddSeconds(i), $$"""{"lat":52.{{i}},"lon":13.4,"accuracy":5}"""),
            2 => Events.Make(user, "device.sensor.accelerometer", "phone", i, T0.AddSeconds(i), """{"x":0.1,"y":-0.2,"z":9.81}"""),
            3 => Events.Make(user, "device.image.camera", "phone", i, T0.AddSeconds(i),
                $$$"""{"camera":"rear","blob":{"sha256":"{{{i:x64}}}","size":{{{i}}},"contentType":"image/jpeg"}}"""),
            _ => Events.Make(user, "device.health.steps", "watch", i, T0.AddSeconds(i), $$"""{"value":{{i % 100}}}"""),
        }),
    ];

    private Task<long> CountAsync(string table) => TestDatabases.ScalarAsync<long>(_database, $"SELECT count(*) FROM {table}");

    [Fact]
    public async Task A_replayed_batch_and_an_overlapping_one_add_only_what_is_new_anywhere()
    {
        var events = MixedEvents(5000);

        Assert.Equal(5000, await _store.WriteAsync(events));
        Assert.Equal(0, await _store.WriteAsync(events));
        Assert.Equal(1000, await _store.WriteAsync([.. events.Skip(2000).Take(2000), .. MixedEvents(6000).Skip(5000)]));

        Assert.Equal(6000, await CountAsync("events"));
        Assert.Equal(2400, await CountAsync("samples"));
        Assert.Equal(1200, await CountAsync("locations"));
        Assert.Equal(1200, await CountAsync("motion"));
        Assert.Equal(1200, await CountAsync("media"));
    }

    [Fact]
    public async Task Copies_of_one_event_inside_a_batch_count_once_and_the_first_copy_wins()
    {
        var first = Events.HeartRate("u1", "watch", 7, T0, 61);
        Assert.Equal(1, await _store.WriteAsync([first, first, first with { Id = "other-id", Time = T0.AddHours(1) }]));

        var page = await _store.GetTimelineAsync(new TimelineQuery("u1", T0.AddDays(-1), T0.AddDays(1), null, null, 10, null));
        Assert.Equal("u1-watch-7", Assert.Single(page.Items).Id);
        Assert.Equal(1, await CountAsync("samples"));
    }

    [Fact]
    public async Task Concurrent_writers_of_overlapping_batches_store_each_event_once()
    {
        var events = MixedEvents(3000);
        var random = new Random(7);
        // Eight writers, each with overlapping windows in its own order, like replicas replaying the same topic.
        var batches = Enumerable.Range(0, 8).Select(w =>
        {
            var window = events.Skip(w * 300).Take(900).ToList();
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(window));
            return window;
        }).ToList();

        var stored = await Task.WhenAll(batches.Select(b => Task.Run(() => _store.WriteAsync(b))));

        Assert.Equal(events.Take(7 * 300 + 900).Count(), stored.Sum());
        Assert.Equal(stored.Sum(), await CountAsync("events"));
        Assert.Equal(await TestDatabases.ScalarAsync<long>(_database, "SELECT count(*) FROM events WHERE type IN ('device.health.heartrate', 'device.health.steps')"),
            await CountAsync("samples"));
    }

    [Fact]
    public async Task A_batch_with_a_payload_that_cannot_be_projected_stores_nothing()
    {
        var broken = Events.Make("u1", "device.health.heartrate", "watch", 2, T0, """{"bpm":60}""");

        await Assert.ThrowsAsync<KeyNotFoundException>(() => _store.WriteAsync([Events.HeartRate("u1", "watch", 1, T0, 60), broken]));

        Assert.Equal(0, await CountAsync("events"));
    }

    [Fact]
    public async Task Payloads_come_back_byte_for_byte()
    {
        const string data = """{ "value" : 72.50, "z":"é\u00e9\"", "a" : [1, 2.0e1] }""";
        await _store.WriteAsync([Events.Make("u1", "device.health.heartrate", "watch", 1, T0, data)]);

        var page = await _store.GetTimelineAsync(new TimelineQuery("u1", T0, T0.AddSeconds(1), null, null, 10, null));

        Assert.Equal(data, Assert.Single(page.Items).Data.GetRawText());
    }
}
