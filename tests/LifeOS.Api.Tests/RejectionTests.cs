using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace LifeOS.Api.Tests;

/// <summary>Bad events are refused by their index with the field at fault named, and never cost a valid neighbour.</summary>
public sealed class RejectionTests
{
    [Fact]
    public async Task Bad_events_in_a_json_array_are_rejected_by_index_naming_the_field_and_neighbours_are_stored()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var batch = new JsonArray(
            Api.HeartRate("watch", 1, "2026-03-02T08:00:00Z", 60, id: "ok-0"),
            Api.Event("device.no.such.type", "watch", 2, "2026-03-02T08:01:00Z", new() { ["value"] = 1 }),
            Api.HeartRate("watch", 3, "2026-03-02T08:02:00Z", 61, id: "ok-2"),
            Api.HeartRate("watch", -1, "2026-03-02T08:03:00Z", 62),
            Api.HeartRate("watch", 5, "2026-03-02T08:04:00Z", 500),
            Api.HeartRate("watch", 6, "2026-03-02T08:05:00", 63),
            Api.Event("digital.clipboard", "laptop", 1, "2026-03-02T08:06:00Z", new() { ["contentType"] = "text/plain" }),
            new JsonArray(1, 2),
            Api.Event("device.image.camera", "phone", 1, "2026-03-02T08:07:00Z", new() { ["camera"] = "front" }),
            Api.HeartRate("watch", 10, "2026-03-02T08:08:00Z", 64, id: "ok-9"));

        var answer = await Api.IngestAsync(client, batch);

        Assert.Equal(3, answer["accepted"]!.GetValue<int>());
        var rejected = answer["rejected"]!.AsArray().Select(r => (r!["index"]!.GetValue<int>(), r["error"]!.GetValue<string>())).ToList();
        Assert.Equal([1, 3, 4, 5, 6, 7, 8], rejected.Select(r => r.Item1));
        AssertNames(rejected[0].Item2, "type:");
        AssertNames(rejected[1].Item2, "seq:");
        AssertNames(rejected[2].Item2, "data.value:");
        AssertNames(rejected[3].Item2, "time:");
        AssertNames(rejected[4].Item2, "data.content:");
        AssertNames(rejected[5].Item2, "event:");
        // Media types carry bytes: this route refuses them and says where they go.
        AssertNames(rejected[6].Item2, "type:");
        Assert.Contains("/v1/media", rejected[6].Item2, StringComparison.Ordinal);

        await server.WaitForPersistenceAsync();
        Assert.Equal(["ok-0", "ok-2", "ok-9"], Api.Ids(await Api.ReadTimelineAsync(client)));
    }

    [Fact]
    public async Task One_broken_ndjson_line_is_rejected_alone()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var body = string.Join('\n',
            Api.HeartRate("watch", 1, "2026-03-02T08:00:00Z", 60, id: "line-0").ToJsonString(),
            Api.HeartRate("watch", 2, "2026-03-02T08:01:00Z", 61, id: "line-1").ToJsonString(),
            "{\"type\":\"device.health.heartrate\",\"device\":\"watch\",\"seq\":3,",
            // Blank lines are skipped and take no index.
            "   \r",
            Api.HeartRate("watch", 4, "2026-03-02T08:03:00Z", 63, id: "line-3").ToJsonString());

        var answer = await Api.IngestAsync(client, new StringContent(body, Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(3, answer["accepted"]!.GetValue<int>());
        var rejection = Assert.Single(answer["rejected"]!.AsArray())!;
        Assert.Equal(2, rejection["index"]!.GetValue<int>());
        AssertNames(rejection["error"]!.GetValue<string>(), "event:");
        await server.WaitForPersistenceAsync();
        Assert.Equal(["line-0", "line-1", "line-3"], Api.Ids(await Api.ReadTimelineAsync(client)));
    }

    [Fact]
    public async Task A_body_that_does_not_parse_is_a_400_naming_body_and_stores_nothing()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();

        using var truncated = await client.PostAsync("/v1/ingest", new StringContent("[{\"type\":", Encoding.UTF8, "application/json"));
        await Api.AssertProblemAsync(truncated, HttpStatusCode.BadRequest, "body");
        using var scalar = await client.PostAsync("/v1/ingest", new StringContent("42", Encoding.UTF8, "application/json"));
        await Api.AssertProblemAsync(scalar, HttpStatusCode.BadRequest, "body");

        await server.WaitForPersistenceAsync();
        Assert.Empty(await Api.ReadTimelineAsync(client));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task Other_content_types_are_a_415_naming_the_content_type(string? contentType)
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var body = Encoding.UTF8.GetBytes(new JsonArray(Api.HeartRate("watch", 1, "2026-03-02T08:00:00Z", 60)).ToJsonString());

        using var response = await client.PostAsync("/v1/ingest", Api.Bytes(body, contentType));

        await Api.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    [Fact]
    public async Task A_body_over_the_configured_limit_is_a_413_whether_or_not_its_length_is_announced()
    {
        await using var server = new ServerFactory(new Dictionary<string, string?> { ["LifeOS:Ingestion:MaxBodyBytes"] = "1024" });
        using var client = server.CreateOwnerClient();
        var events = new JsonArray([.. Enumerable.Range(1, 40).Select(i => (JsonNode)Api.HeartRate("watch", i, "2026-03-02T08:00:00Z", 60))]);
        var bytes = Encoding.UTF8.GetBytes(events.ToJsonString());
        Assert.True(bytes.Length > 1024);

        using var announced = await client.PostAsync("/v1/ingest", Api.Bytes(bytes, "application/json"));
        await Api.AssertProblemAsync(announced, HttpStatusCode.RequestEntityTooLarge, "body");

        // Chunked: no Content-Length, so the limit must hold while reading.
        var chunked = new StreamContent(new UnseekableStream(bytes));
        chunked.Headers.ContentType = new("application/json");
        using var streamed = await client.PostAsync("/v1/ingest", chunked);
        await Api.AssertProblemAsync(streamed, HttpStatusCode.RequestEntityTooLarge, "body");

        // Under the limit still works.
        var small = await Api.IngestAsync(client, new JsonArray(Api.HeartRate("watch", 1, "2026-03-02T08:00:00Z", 60)));
        Assert.Equal(1, small["accepted"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invalid_utf8_inside_an_event_string_is_rejected_by_index_not_a_server_error()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var good = Encoding.UTF8.GetBytes(Api.HeartRate("watch", 1, "2026-03-02T08:00:00Z", 60, id: "good").ToJsonString());
        // 0xC3 0x28: a two-byte sequence whose second byte is not a continuation byte.
        var bad = Api.Join("{\"type\":\"digital.clipboard\",\"device\":\"laptop\",\"seq\":1,\"time\":\"2026-03-02T08:00:00Z\",\"data\":{\"content\":\"a"u8.ToArray(),
            [0xC3, 0x28], "b\"}}"u8.ToArray());

        using var response = await client.PostAsync("/v1/ingest", Api.Bytes(Api.Join(good, "\n"u8.ToArray(), bad, "\n"u8.ToArray()), "application/x-ndjson"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {text} {string.Join(" | ", server.LoggedErrors)}");
        var rejection = Assert.Single(JsonNode.Parse(text)!["rejected"]!.AsArray())!;
        Assert.Equal(1, rejection["index"]!.GetValue<int>());
        await server.WaitForPersistenceAsync();
        Assert.Equal(["good"], Api.Ids(await Api.ReadTimelineAsync(client)));
    }

    [Fact]
    public async Task Data_that_repeats_a_key_is_rejected_so_what_is_stored_is_what_was_validated()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        // The validator reads one "value" and the store keeps both: a heart rate of "x" would reach every reader.
        const string body = """
            [{"type":"device.health.heartrate","device":"watch","seq":1,"time":"2026-03-02T08:00:00Z","data":{"value":"x","value":60}},
             {"type":"device.health.heartrate","device":"watch","seq":2,"time":"2026-03-02T08:01:00Z","data":{"value":61},"id":"fine"}]
            """;

        var answer = await Api.IngestAsync(client, new StringContent(body, Encoding.UTF8, "application/json"));

        var rejection = Assert.Single(answer["rejected"]!.AsArray())!;
        Assert.Equal(0, rejection["index"]!.GetValue<int>());
        await server.WaitForPersistenceAsync();
        Assert.Equal(["fine"], Api.Ids(await Api.ReadTimelineAsync(client)));
    }

    [Fact]
    public async Task An_unpaired_surrogate_escape_in_a_json_array_is_rejected_by_index_not_a_server_error()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        // "\ud800" is valid JSON syntax, but half a surrogate pair is no string.
        const string body = """
            [{"type":"device.health.heartrate","device":"watch","seq":1,"time":"2026-03-02T08:00:00Z","data":{"value":60},"id":"good"},
             {"type":"digital.clipboard","device":"wat\ud800ch","seq":2,"time":"2026-03-02T08:01:00Z","data":{"content":"x"}}]
            """;

        using var response = await client.PostAsync("/v1/ingest", new StringContent(body, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {text} {string.Join(" | ", server.LoggedErrors)}");
        Assert.Equal(1, Assert.Single(JsonNode.Parse(text)!["rejected"]!.AsArray())!["index"]!.GetValue<int>());
        await server.WaitForPersistenceAsync();
        Assert.Equal(["good"], Api.Ids(await Api.ReadTimelineAsync(client)));
    }

    private static void AssertNames(string error, string fieldPrefix) =>
        Assert.True(error.StartsWith(fieldPrefix, StringComparison.Ordinal) || error.Contains("; " + fieldPrefix, StringComparison.Ordinal),
            $"expected the error to name '{fieldPrefix}': {error}");
}
