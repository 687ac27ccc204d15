using LifeOS.Contracts;
using LifeOS.Storage;

namespace LifeOS.Testing.Storage;

/// <summary>Deleting a user's data from a life store: events and every projection row made from them, by time range,
/// by type or all, checked by reading the store's tables directly; blobs are released only when nobody references them.</summary>
public abstract class LifeStoreErasureContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = Events.Start;
    private static readonly string[] Tables = ["events", "samples", "locations", "motion", "media"];
    private static readonly string SharedSha = new('a', 64);
    private static readonly string OwnSha = new('b', 64);

    private (ILifeStore Store, IUserDataEraser Eraser)? _opened;

    protected ILifeStore Store => _opened?.Store ?? throw new InvalidOperationException("not initialised");

    protected IUserDataEraser Eraser => _opened?.Eraser ?? throw new InvalidOperationException("not initialised");

    protected abstract Task<(ILifeStore Store, IUserDataEraser Eraser)> OpenAsync();

    /// <summary>Counts a user's rows in one table, read straight from the storage.</summary>
    protected abstract Task<long> CountRowsAsync(string table, string user);

    public async ValueTask InitializeAsync() => _opened = await OpenAsync();

    public virtual ValueTask DisposeAsync()
    {
        (_opened?.Store as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private static LifeEvent Photo(string user, long seq, DateTimeOffset time, string sha) =>
        Events.Make(user, "device.image.camera", "phone", seq, time,
            $$$"""{"camera":"rear","blob":{"sha256":"{{{sha}}}","size":10,"contentType":"image/jpeg"}}""");

    /// <summary>Per user: heart rate at T0+0..2h, a GPS fix and a motion sample at T0+1h, photos at T0+1h and T0+3h.</summary>
    private async Task SeedAsync(params string[] users)
    {
        foreach (var user in users)
        {
            await Store.WriteAsync([
                Events.HeartRate(user, "watch", 1, T0, 60),
                Events.HeartRate(user, "watch", 2, T0.AddHours(1), 61),
                Events.HeartRate(user, "watch", 3, T0.AddHours(2), 62),
                Events.Make(user, "device.sensor.gps", "phone", 1, T0.AddHours(1), """{"lat":52.5,"lon":13.4}"""),
                Events.Make(user, "device.sensor.accelerometer", "phone", 2, T0.AddHours(1), """{"x":0,"y":0,"z":9.8}"""),
                Photo(user, 3, T0.AddHours(1), SharedSha),
                Photo(user, 4, T0.AddHours(3), user == "alice" ? OwnSha : SharedSha),
            ]);
        }
    }

    private async Task<Dictionary<string, long>> CountsAsync(string user)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
            counts[table] = await CountRowsAsync(table, user);
        return counts;
    }

    [Fact]
    public async Task Erasing_a_time_range_removes_its_events_and_their_projections_and_nothing_else()
    {
        await SeedAsync("alice", "bob");
        var result = await Eraser.EraseAsync(new DataSelection("alice", T0.AddMinutes(30), T0.AddHours(2)));

        Assert.Equal(4, result.Removed);
        // bob still references the shared photo, so no blob is released.
        Assert.Empty(result.ReleasedBlobs);
        Assert.Equal(new Dictionary<string, long> { ["events"] = 3, ["samples"] = 2, ["locations"] = 0, ["motion"] = 0, ["media"] = 1 },
            await CountsAsync("alice"));
        Assert.Equal(new Dictionary<string, long> { ["events"] = 7, ["samples"] = 3, ["locations"] = 1, ["motion"] = 1, ["media"] = 2 },
            await CountsAsync("bob"));
    }

    [Fact]
    public async Task Erasing_types_removes_only_those_types()
    {
        await SeedAsync("alice");
        var result = await Eraser.EraseAsync(new DataSelection("alice", Types: ["device.health.heartrate", "device.sensor.gps"]));

        Assert.Equal(4, result.Removed);
        Assert.Equal(new Dictionary<string, long> { ["events"] = 3, ["samples"] = 0, ["locations"] = 0, ["motion"] = 1, ["media"] = 2 },
            await CountsAsync("alice"));
        var left = await Store.GetTimelineAsync(new TimelineQuery("alice", DateTimeOffset.UnixEpoch, T0.AddYears(1), null, null, 100, null));
        Assert.Equal(["device.image.camera", "device.image.camera", "device.sensor.accelerometer"], left.Items.Select(i => i.Type).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Erasing_everything_releases_the_blobs_nobody_else_references()
    {
        await SeedAsync("alice", "bob");
        var result = await Eraser.EraseAsync(DataSelection.Account("alice"));

        Assert.Equal(7, result.Removed);
        Assert.Equal([OwnSha], result.ReleasedBlobs);
        Assert.All(await CountsAsync("alice"), c => Assert.True(c.Value == 0, $"{c.Key} still holds {c.Value} rows"));
        Assert.Equal(7, await CountRowsAsync("events", "bob"));

        Assert.Equal([SharedSha], (await Eraser.EraseAsync(DataSelection.Account("bob"))).ReleasedBlobs);
    }

    [Fact]
    public async Task Erased_events_can_be_stored_again_and_metrics_no_longer_count_them()
    {
        await SeedAsync("alice");
        await Eraser.EraseAsync(new DataSelection("alice", Types: ["device.health.heartrate"]));
        var metrics = await Store.GetMetricBucketsAsync(
            new MetricsQuery("alice", "device.health.heartrate", T0.AddDays(-1), T0.AddDays(1), TimeSpan.FromDays(1), MetricAggregate.Count));
        Assert.Empty(metrics);

        Assert.Equal(1, await Store.WriteAsync([Events.HeartRate("alice", "watch", 1, T0, 70)]));
        Assert.Equal(1, await CountRowsAsync("samples", "alice"));
    }
}
