using System.Net;
using System.Text.Json.Nodes;
using LifeOS.Ingestion;

namespace LifeOS.Api.Tests;

/// <summary>A multi-device, multi-type batch in JSON and NDJSON reads back exactly through the timeline, metrics and ledger.</summary>
public sealed class IngestHappyPathTests
{
    private const string Day = "2026-03-02";

    // Sent as one JSON array, in no particular time order.
    private static readonly JsonObject[] JsonBatch =
    [
        Api.HeartRate("watch", 1, $"{Day}T08:05:00Z", 60, id: "hr-1"),
        Api.HeartRate("watch", 2, $"{Day}T08:20:00Z", 70),
        Api.HeartRate("watch", 3, $"{Day}T08:50:30.250Z", 90, id: "hr-3"),
        // An offset other than Z: stored and answered in UTC (09:10Z).
        Api.HeartRate("watch", 4, $"{Day}T11:10:00+02:00", 100),
        Api.Event("device.health.steps", "watch", 5, $"{Day}T08:30:00Z", new() { ["value"] = 120 }),
        Api.Event("device.sensor.gps", "phone", 1, $"{Day}T08:10:00Z",
            new() { ["lat"] = 52.52, ["lon"] = 13.405, ["alt"] = 34.5, ["accuracy"] = 5 }, id: "gps-1"),
        Api.Event("device.sensor.accelerometer", "phone", 2, $"{Day}T08:10:00.020Z", new() { ["x"] = 0.1, ["y"] = -9.81, ["z"] = 0.3 }),
        Api.Event("device.health.steps", "phone", 3, $"{Day}T09:30:00Z", new() { ["value"] = 300 }),
        Api.Event("os.events.app_lifecycle", "laptop", 1, $"{Day}T08:00:01Z",
            new() { ["app"] = "com.editor", ["action"] = "opened", ["label"] = "Editor" }),
        Api.Event("digital.clipboard", "laptop", 2, $"{Day}T08:15:00Z",
            new() { ["content"] = "hello world — ünïcødé ✓", ["contentType"] = "text/plain", ["sourceApp"] = "com.editor" }, id: "clip-1"),
        Api.Event("external.calendar.events", "laptop", 3, $"{Day}T07:59:00Z", new()
        {
            ["eventId"] = "cal-1", ["start"] = $"{Day}T09:00:00Z", ["end"] = $"{Day}T09:30:00Z", ["title"] = "Standup",
            ["attendees"] = new JsonArray("a@example.org", "b@example.org"), ["status"] = "confirmed",
        }),
    ];

    // Sent as NDJSON, continuing every device's seqs.
    private static readonly JsonObject[] NdjsonBatch =
    [
        Api.HeartRate("watch", 6, $"{Day}T10:30:00Z", 55),
        Api.HeartRate("watch", 7, $"{Day}T10:31:00Z", 65, id: "hr-7"),
        // Nothing in the 11:00 hour: that bucket must be absent, not zero.
        Api.HeartRate("watch", 8, $"{Day}T12:00:00Z", 80),
        Api.Event("device.health.steps", "phone", 4, $"{Day}T10:45:00Z", new() { ["value"] = 50 }),
        Api.Event("device.state.power", "phone", 5, $"{Day}T10:00:00Z", new() { ["batteryLevel"] = 80, ["charging"] = true, ["source"] = "usb" }),
        // A second device's heart rate: metrics aggregate across the user's devices.
        Api.HeartRate("phone", 6, $"{Day}T08:40:00Z", 80),
        Api.Event("device.network.wifi", "laptop", 4, $"{Day}T09:00:00Z", new() { ["connected"] = true, ["ssid"] = "home", ["rssi"] = -50 }),
        Api.Event("digital.web_analytics", "laptop", 5, $"{Day}T09:05:00Z",
            new() { ["url"] = "https://example.org/a?b=c", ["action"] = "visit", ["title"] = "A" }, id: "web-1"),
    ];

    private static IEnumerable<JsonObject> AllSent => JsonBatch.Concat(NdjsonBatch);

    private static async Task<ServerFactory> StartWithBothBatchesAsync()
    {
        var server = new ServerFactory();
        using var client = server.CreateOwnerClient();

        var first = await Api.IngestAsync(client, new JsonArray([.. JsonBatch.Select(e => e.DeepClone())]));
        Assert.Equal(JsonBatch.Length, first["accepted"]!.GetValue<int>());
        Assert.Equal(0, first["duplicates"]!.GetValue<int>());
        Assert.Empty(first["rejected"]!.AsArray());
        AssertLedgerHighs(first, ("watch", 5), ("phone", 3), ("laptop", 3));

        var second = await Api.IngestAsync(client, Api.Ndjson(NdjsonBatch));
        Assert.Equal(NdjsonBatch.Length, second["accepted"]!.GetValue<int>());
        Assert.Equal(0, second["duplicates"]!.GetValue<int>());
        Assert.Empty(second["rejected"]!.AsArray());
        AssertLedgerHighs(second, ("watch", 8), ("phone", 6), ("laptop", 5));

        await server.WaitForPersistenceAsync();
        return server;
    }

    [Fact]
    public async Task Every_event_reads_back_from_the_timeline_in_time_order_with_its_id_and_data()
    {
        await using var server = await StartWithBothBatchesAsync();
        using var client = server.CreateOwnerClient();

        var items = await Api.ReadTimelineAsync(client);

        var expected = AllSent
            .Select(e => (Event: e, Id: ExpectedId(e), Time: Api.Utc(e["time"]!.GetValue<string>())))
            .OrderBy(e => DateTimeOffset.Parse(e.Time, System.Globalization.CultureInfo.InvariantCulture))
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected.Select(e => e.Id), Api.Ids(items));
        for (var i = 0; i < items.Count; i++)
        {
            var (sent, id, time) = expected[i];
            var item = items[i];
            Assert.Equal(id, item["id"]!.GetValue<string>());
            Assert.Equal(sent["type"]!.GetValue<string>(), item["type"]!.GetValue<string>());
            Assert.Equal(sent["device"]!.GetValue<string>(), item["device"]!.GetValue<string>());
            Assert.Equal(sent["seq"]!.GetValue<long>(), item["seq"]!.GetValue<long>());
            Assert.Equal(time, item["time"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(sent["data"], item["data"]), $"data of {id}: sent {sent["data"]!.ToJsonString()}, got {item["data"]!.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Timeline_filters_by_type_device_and_time_window()
    {
        await using var server = await StartWithBothBatchesAsync();
        using var client = server.CreateOwnerClient();

        var watchHeart = await Api.ReadTimelineAsync(client, "types=device.health.heartrate&device=watch");
        Assert.Equal(
            AllSent.Where(e => e["type"]!.GetValue<string>() == "device.health.heartrate" && e["device"]!.GetValue<string>() == "watch")
                .OrderBy(e => Api.Utc(e["time"]!.GetValue<string>()), StringComparer.Ordinal).Select(ExpectedId),
            Api.Ids(watchHeart));

        var twoTypes = await Api.ReadTimelineAsync(client, "types=device.health.steps,digital.clipboard");
        Assert.Equal(4, twoTypes.Count);
        Assert.All(twoTypes, i => Assert.Contains(i["type"]!.GetValue<string>(), new[] { "device.health.steps", "digital.clipboard" }));

        // from is inclusive and to exclusive.
        var window = await Api.ReadTimelineAsync(client, $"from={Day}T08:10:00Z&to={Day}T08:20:00Z");
        Assert.Equal(["gps-1", ExpectedId(JsonBatch[6]), "clip-1"], Api.Ids(window));
    }

    [Theory]
    [InlineData("avg")]
    [InlineData("min")]
    [InlineData("max")]
    [InlineData("sum")]
    [InlineData("count")]
    public async Task Heart_rate_metrics_match_hourly_aggregates_computed_from_the_inputs(string agg)
    {
        await using var server = await StartWithBothBatchesAsync();
        using var client = server.CreateOwnerClient();

        var body = await Api.GetJsonAsync(client, $"/v1/metrics/device.health.heartrate?from={Day}T00:00:00Z&to={Day}T23:00:00Z&bucket=1h&agg={agg}");

        Assert.Equal("device.health.heartrate", body["type"]!.GetValue<string>());
        Assert.Equal("bpm", body["unit"]!.GetValue<string>());
        var expected = AllSent
            .Where(e => e["type"]!.GetValue<string>() == "device.health.heartrate")
            .Select(e => (Time: DateTimeOffset.Parse(e["time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime(),
                Value: e["data"]!["value"]!.GetValue<double>()))
            .GroupBy(s => new DateTimeOffset(s.Time.Year, s.Time.Month, s.Time.Day, s.Time.Hour, 0, 0, TimeSpan.Zero))
            .OrderBy(g => g.Key)
            .Select(g => (Start: Api.Utc(g.Key.ToString("O")), Count: g.Count(), Value: agg switch
            {
                "avg" => g.Average(s => s.Value),
                "min" => g.Min(s => s.Value),
                "max" => g.Max(s => s.Value),
                "sum" => g.Sum(s => s.Value),
                _ => g.Count(),
            }))
            .ToList();
        // Hours 08, 09, 10 and 12: the empty 11:00 hour is left out.
        Assert.Equal(4, expected.Count);
        var buckets = body["buckets"]!.AsArray();
        Assert.Equal(expected.Select(e => e.Start), buckets.Select(b => b!["start"]!.GetValue<string>()));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Count, buckets[i]!["count"]!.GetValue<long>());
            Assert.Equal(expected[i].Value, buckets[i]!["value"]!.GetValue<double>(), 9);
        }
    }

    [Fact]
    public async Task Hand_computed_metric_values_for_the_first_hour_and_a_30_minute_step_sum()
    {
        await using var server = await StartWithBothBatchesAsync();
        using var client = server.CreateOwnerClient();

        // 08:00 hour: 60, 70, 90 (watch) and 80 (phone).
        var avg = await Api.GetJsonAsync(client, $"/v1/metrics/device.health.heartrate?from={Day}T08:00:00Z&to={Day}T09:00:00Z&bucket=1h");
        var only = Assert.Single(avg["buckets"]!.AsArray())!;
        Assert.Equal($"{Day}T08:00:00Z", only["start"]!.GetValue<string>());
        Assert.Equal(75.0, only["value"]!.GetValue<double>(), 9);
        Assert.Equal(4, only["count"]!.GetValue<long>());

        // Steps: 120 at 08:30 (watch), 300 at 09:30 and 50 at 10:45 (phone).
        var steps = await Api.GetJsonAsync(client, $"/v1/metrics/device.health.steps?from={Day}T08:00:00Z&to={Day}T11:00:00Z&bucket=30m&agg=sum");
        Assert.Equal("count", steps["unit"]!.GetValue<string>());
        Assert.Equal(
            [($"{Day}T08:30:00Z", 120.0), ($"{Day}T09:30:00Z", 300.0), ($"{Day}T10:30:00Z", 50.0)],
            steps["buckets"]!.AsArray().Select(b => (b!["start"]!.GetValue<string>(), b["value"]!.GetValue<double>())));
    }

    [Fact]
    public async Task Each_device_ledger_counts_its_events_without_gaps()
    {
        await using var server = await StartWithBothBatchesAsync();
        using var client = server.CreateOwnerClient();

        foreach (var (device, high) in new[] { ("watch", 8L), ("phone", 6L), ("laptop", 5L) })
        {
            var ledger = await Api.GetJsonAsync(client, $"/v1/devices/{device}/ledger");
            Assert.Equal(device, ledger["device"]!.GetValue<string>());
            Assert.Equal(1, ledger["lowSeq"]!.GetValue<long>());
            Assert.Equal(high, ledger["highSeq"]!.GetValue<long>());
            Assert.Equal(high, ledger["received"]!.GetValue<long>());
            Assert.Empty(ledger["gaps"]!.AsArray());
            Assert.False(ledger["gapsTruncated"]!.GetValue<bool>());
        }

        using var unknown = await client.GetAsync("/v1/devices/never-seen/ledger");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("application/json", false)]
    [InlineData("application/json; charset=utf-8", false)]
    [InlineData("application/cloudevents-batch+json", false)]
    [InlineData("application/x-ndjson", true)]
    [InlineData("application/ndjson", true)]
    [InlineData("application/jsonl", true)]
    public async Task Every_content_type_the_parser_understands_is_accepted(string contentType, bool ndjson)
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var events = new[] { Api.HeartRate("watch", 1, $"{Day}T08:00:00Z", 60), Api.HeartRate("watch", 2, $"{Day}T08:01:00Z", 61) };
        var text = ndjson ? string.Join('\n', events.Select(e => e.ToJsonString())) : new JsonArray([.. events]).ToJsonString();

        var answer = await Api.IngestAsync(client, Api.Bytes(System.Text.Encoding.UTF8.GetBytes(text), contentType));

        Assert.Equal(2, answer["accepted"]!.GetValue<int>());
    }

    [Fact]
    public async Task Events_at_the_first_and_last_accepted_instants_are_on_the_default_timeline()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        // The ingest route accepts years 1970 to 2200; the timeline's default window must hold all of them.
        var answer = await Api.IngestAsync(client, new JsonArray(
            Api.HeartRate("watch", 1, "1970-01-01T00:00:00Z", 60, id: "first"),
            Api.HeartRate("watch", 2, "2200-12-31T23:59:59Z", 61, id: "last")));
        Assert.Equal(2, answer["accepted"]!.GetValue<int>());
        await server.WaitForPersistenceAsync();

        Assert.Equal(["first", "last"], Api.Ids(await Api.ReadTimelineAsync(client)));
    }

    private static string ExpectedId(JsonObject e) =>
        e["id"]?.GetValue<string>()
        ?? EventValidator.DerivedId(ServerFactory.OwnerUserId, e["device"]!.GetValue<string>(), e["seq"]!.GetValue<long>());

    private static void AssertLedgerHighs(JsonObject answer, params (string Device, long High)[] expected)
    {
        var ledger = answer["ledger"]!.AsObject();
        Assert.Equal(expected.Length, ledger.Count);
        foreach (var (device, high) in expected)
            Assert.Equal(high, ledger[device]!["highSeq"]!.GetValue<long>());
    }
}
