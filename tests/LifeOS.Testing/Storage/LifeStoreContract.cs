using LifeOS.Storage;

namespace LifeOS.Testing.Storage;

/// <summary>The contract every <see cref="ILifeStore"/> implementation must pass; one subclass per implementation.</summary>
public abstract class LifeStoreContract : IAsyncLifetime
{
    private ILifeStore? _store;

    protected ILifeStore Store => _store ?? throw new InvalidOperationException("not initialised");

    protected abstract Task<ILifeStore> OpenAsync();

    public async ValueTask InitializeAsync() => _store = await OpenAsync();

    public virtual ValueTask DisposeAsync()
    {
        (_store as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Simulates a restart: the old store object is gone, a new one opens the same storage.</summary>
    protected async Task ReopenAsync()
    {
        (_store as IDisposable)?.Dispose();
        _store = await OpenAsync();
    }

    private static readonly DateTimeOffset T0 = Events.Start;

    private Task<TimelinePage> Timeline(string user, int limit = 1000, TimelinePosition? after = null, string[]? types = null, string? device = null) =>
        Store.GetTimelineAsync(new TimelineQuery(user, DateTimeOffset.UnixEpoch, T0.AddYears(1), types, device, limit, after));

    [Fact]
    public async Task Written_events_come_back_in_time_order_with_their_data()
    {
        await Store.WriteAsync([
            Events.HeartRate("u1", "watch", 2, T0.AddSeconds(2), 62),
            Events.Make("u1", "device.sensor.gps", "phone", 1, T0.AddSeconds(1), """{"lat":52.5,"lon":13.4}"""),
            Events.HeartRate("u1", "watch", 1, T0, 61),
        ]);

        var page = await Timeline("u1");

        Assert.Equal(["u1-watch-1", "u1-phone-1", "u1-watch-2"], page.Items.Select(i => i.Id));
        Assert.Equal(52.5, page.Items[1].Data.GetProperty("lat").GetDouble());
        Assert.Equal(T0.AddSeconds(1), page.Items[1].Time);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Replayed_events_are_stored_once()
    {
        var events = Enumerable.Range(1, 20).Select(i => Events.HeartRate("u1", "watch", i, T0.AddSeconds(i), 60 + i)).ToList();
        Assert.Equal(20, await Store.WriteAsync(events));
        Assert.Equal(0, await Store.WriteAsync(events));
        // A replay may carry another id (a client that lets the server name events): (device, seq) still identifies it.
        Assert.Equal(0, await Store.WriteAsync([Events.HeartRate("u1", "watch", 3, T0, 99) with { Id = "other-id" }]));

        Assert.Equal(20, (await Timeline("u1")).Items.Count);
        var buckets = await Store.GetMetricBucketsAsync(new MetricsQuery("u1", "device.health.heartrate", T0, T0.AddHours(1), TimeSpan.FromHours(1), MetricAggregate.Count));
        Assert.Equal(20, Assert.Single(buckets).Count);
    }

    [Fact]
    public async Task Cursor_paging_visits_every_event_once_even_with_equal_timestamps()
    {
        var events = Enumerable.Range(1, 53).Select(i => Events.HeartRate("u1", $"d{i % 3}", i, T0.AddSeconds(i / 10), 70)).ToList();
        await Store.WriteAsync(events);

        var seen = new List<string>();
        TimelinePosition? after = null;
        do
        {
            var page = await Timeline("u1", limit: 7, after: after);
            Assert.True(page.Items.Count <= 7);
            seen.AddRange(page.Items.Select(i => i.Id));
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(events.Select(e => e.Id).Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Timeline_filters_by_time_range_type_and_device()
    {
        await Store.WriteAsync([
            Events.HeartRate("u1", "watch", 1, T0, 60),
            Events.HeartRate("u1", "watch", 2, T0.AddHours(1), 61),
            Events.Make("u1", "device.sensor.accelerometer", "phone", 1, T0.AddHours(1), """{"x":0,"y":0,"z":9.8}"""),
            Events.HeartRate("u1", "band", 1, T0.AddHours(1), 62),
        ]);

        var window = await Store.GetTimelineAsync(new TimelineQuery("u1", T0.AddMinutes(30), T0.AddHours(2), null, null, 100, null));
        Assert.Equal(3, window.Items.Count);
        var exclusiveEnd = await Store.GetTimelineAsync(new TimelineQuery("u1", T0, T0.AddHours(1), null, null, 100, null));
        Assert.Equal(["u1-watch-1"], exclusiveEnd.Items.Select(i => i.Id));
        Assert.Equal(["u1-phone-1"], (await Timeline("u1", types: ["device.sensor.accelerometer"])).Items.Select(i => i.Id));
        Assert.Equal(["u1-band-1"], (await Timeline("u1", device: "band")).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task One_users_data_is_invisible_to_another()
    {
        await Store.WriteAsync([Events.HeartRate("alice", "watch", 1, T0, 60)]);
        await Store.WriteAsync([Events.HeartRate("bob", "watch", 1, T0, 90) with { Id = "bob-1" }]);

        Assert.Equal(["alice-watch-1"], (await Timeline("alice")).Items.Select(i => i.Id));
        Assert.Equal(["bob-1"], (await Timeline("bob")).Items.Select(i => i.Id));
        var bobs = await Store.GetMetricBucketsAsync(new MetricsQuery("bob", "device.health.heartrate", T0, T0.AddDays(1), TimeSpan.FromDays(1), MetricAggregate.Avg));
        Assert.Equal(90, Assert.Single(bobs).Value);
    }

    [Fact]
    public async Task Metrics_aggregate_samples_into_epoch_aligned_buckets()
    {
        double[] values = [60, 70, 80, 100, 50];
        await Store.WriteAsync([.. values.Select((v, i) => Events.HeartRate("u1", "watch", i + 1, T0.AddMinutes(i * 20), v))]);

        async Task<IReadOnlyList<MetricBucket>> Query(MetricAggregate aggregate) =>
            await Store.GetMetricBucketsAsync(new MetricsQuery("u1", "device.health.heartrate", T0, T0.AddHours(3), TimeSpan.FromHours(1), aggregate));

        // 08:00, 08:20, 08:40 fall in the 08:00 bucket; 09:00 and 09:20 in the 09:00 bucket.
        var avg = await Query(MetricAggregate.Avg);
        Assert.Equal([T0, T0.AddHours(1)], avg.Select(b => b.Start));
        Assert.Equal([70.0, 75.0], avg.Select(b => b.Value));
        Assert.Equal([3L, 2L], avg.Select(b => b.Count));
        Assert.Equal([60.0, 50.0], (await Query(MetricAggregate.Min)).Select(b => b.Value));
        Assert.Equal([80.0, 100.0], (await Query(MetricAggregate.Max)).Select(b => b.Value));
        Assert.Equal([210.0, 150.0], (await Query(MetricAggregate.Sum)).Select(b => b.Value));
        Assert.Equal([3.0, 2.0], (await Query(MetricAggregate.Count)).Select(b => b.Value));
    }

    [Fact]
    public async Task Derived_samples_are_replaced_per_source_and_seen_by_metrics()
    {
        Task<IReadOnlyList<MetricBucket>> Mood(string user, MetricAggregate aggregate = MetricAggregate.Avg) =>
            Store.GetMetricBucketsAsync(new MetricsQuery(user, "journal.mood.score", T0, T0.AddDays(1), TimeSpan.FromDays(1), aggregate));
        DerivedSamples Entry(string user, string id, params DerivedSample[] samples) => new(user, id, "phone", "journal.", samples);

        await Store.WriteAsync([Events.HeartRate("u1", "watch", 1, T0, 60)]);
        await Store.ReplaceDerivedSamplesAsync(Entry("u1", "e1",
            new DerivedSample("journal.mood.score", T0.AddHours(1), 6), new DerivedSample("journal.sleep.duration", T0.AddHours(1), 7.5)));
        await Store.ReplaceDerivedSamplesAsync(Entry("u1", "e2", new DerivedSample("journal.mood.score", T0.AddHours(2), 4)));
        await Store.ReplaceDerivedSamplesAsync(Entry("u2", "e1", new DerivedSample("journal.mood.score", T0.AddHours(1), 9)));
        Assert.Equal(5, Assert.Single(await Mood("u1")).Value);

        // Written again (a replay), then re-parsed by a newer model that reads the entry differently.
        await Store.ReplaceDerivedSamplesAsync(Entry("u1", "e1",
            new DerivedSample("journal.mood.score", T0.AddHours(1), 6), new DerivedSample("journal.sleep.duration", T0.AddHours(1), 7.5)));
        Assert.Equal(2, Assert.Single(await Mood("u1", MetricAggregate.Count)).Count);
        await Store.ReplaceDerivedSamplesAsync(Entry("u1", "e1", new DerivedSample("journal.mood.score", T0.AddHours(3), 8)));
        var mood = Assert.Single(await Mood("u1"));
        Assert.Equal(6, mood.Value);
        Assert.Equal(2, mood.Count);
        Assert.Empty(await Store.GetMetricBucketsAsync(new MetricsQuery("u1", "journal.sleep.duration", T0, T0.AddDays(1), TimeSpan.FromDays(1), MetricAggregate.Avg)));

        // Deleting an entry is a replacement with nothing; other entries, other users and sensor samples stay.
        await Store.ReplaceDerivedSamplesAsync(Entry("u1", "e1"));
        Assert.Equal(4, Assert.Single(await Mood("u1")).Value);
        Assert.Equal(9, Assert.Single(await Mood("u2")).Value);
        var heart = await Store.GetMetricBucketsAsync(new MetricsQuery("u1", "device.health.heartrate", T0, T0.AddDays(1), TimeSpan.FromDays(1), MetricAggregate.Avg));
        Assert.Equal(60, Assert.Single(heart).Value);
    }

    [Fact]
    public async Task Derived_samples_outside_their_namespace_or_ambiguous_are_refused()
    {
        var outside = await Assert.ThrowsAsync<ArgumentException>(() => Store.ReplaceDerivedSamplesAsync(
            new DerivedSamples("u1", "e1", "phone", "journal.", [new DerivedSample("device.health.heartrate", T0, 60)])));
        Assert.Contains("not under 'journal.'", outside.Message, StringComparison.Ordinal);
        var twice = await Assert.ThrowsAsync<ArgumentException>(() => Store.ReplaceDerivedSamplesAsync(
            new DerivedSamples("u1", "e1", "phone", "journal.", [new DerivedSample("journal.mood.score", T0, 6), new DerivedSample("journal.mood.score", T0, 7)])));
        Assert.Contains("two journal.mood.score samples", twice.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReplaceDerivedSamplesAsync(
            new DerivedSamples("u1", "e1", "phone", "journal", [new DerivedSample("journal.mood.score", T0, 6)])));
        Assert.Empty(await Store.GetMetricBucketsAsync(new MetricsQuery("u1", "journal.mood.score", T0, T0.AddDays(1), TimeSpan.FromDays(1), MetricAggregate.Avg)));
    }

    [Fact]
    public async Task Media_references_are_found_only_by_their_owner()
    {
        var sha = new string('a', 64);
        await Store.WriteAsync([Events.Make("u1", "device.image.camera", "phone", 1, T0,
            $$$"""{"camera":"rear","blob":{"sha256":"{{{sha}}}","size":1234,"contentType":"image/jpeg"}}""")]);

        var media = await Store.FindMediaAsync("u1", sha);
        Assert.NotNull(media);
        Assert.Equal("image/jpeg", media.ContentType);
        Assert.Equal(1234, media.Size);
        Assert.Null(await Store.FindMediaAsync("u2", sha));
        Assert.Null(await Store.FindMediaAsync("u1", new string('b', 64)));
    }

    [Fact]
    public async Task Data_survives_reopening_the_store()
    {
        await Store.WriteAsync([Events.HeartRate("u1", "watch", 1, T0, 60)]);
        await ReopenAsync();
        Assert.Single((await Timeline("u1")).Items);
    }
}
