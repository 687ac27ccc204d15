using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace LifeOS.Api.Tests;

/// <summary>Builders for request bodies and readers for the API's answers, shared by every test class.</summary>
internal static class Api
{
    public const string ProblemJson = "application/problem+json";

    public static JsonObject Event(string type, string device, long seq, string time, JsonObject data, string? id = null)
    {
        var e = new JsonObject { ["type"] = type, ["device"] = device, ["seq"] = seq, ["time"] = time, ["data"] = data };
        if (id is not null)
            e["id"] = id;
        return e;
    }

    public static JsonObject HeartRate(string device, long seq, string time, double bpm, string? id = null) =>
        Event("device.health.heartrate", device, seq, time, new JsonObject { ["value"] = bpm }, id);

    /// <summary>The canonical form the API answers with: UTC, 'Z', trailing zero fractions dropped.</summary>
    public static string Utc(string rfc3339) =>
        DateTimeOffset.Parse(rfc3339, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public static ByteArrayContent Bytes(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static byte[] Join(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    public static StringContent Ndjson(IEnumerable<JsonNode> lines) =>
        new(string.Join('\n', lines.Select(l => l.ToJsonString())) + "\n", Encoding.UTF8, "application/x-ndjson");

    /// <summary>A media upload as a device sends it: form fields plus the file part.</summary>
    public static MultipartFormDataContent Media(
        string type, string device, long seq, string time, byte[] file, JsonObject? data = null, string contentType = "image/jpeg", string? id = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(type), "type" },
            { new StringContent(device), "device" },
            { new StringContent(seq.ToString(CultureInfo.InvariantCulture)), "seq" },
            { new StringContent(time), "time" },
        };
        if (id is not null)
            form.Add(new StringContent(id), "id");
        if (data is not null)
            form.Add(new StringContent(data.ToJsonString()), "data");
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(part, "file", "upload.bin");
        return form;
    }

    public static MultipartFormDataContent Camera(string device, long seq, string time, byte[] file, string? id = null) =>
        Media("device.image.camera", device, seq, time, file, new JsonObject { ["camera"] = "front" }, id: id);

    /// <summary>Uploads media and returns the 202 answer.</summary>
    public static async Task<JsonObject> UploadAsync(HttpClient client, MultipartFormDataContent form)
    {
        using var response = await client.PostAsync("/v1/media", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())
        ?? throw new InvalidOperationException("the answer was JSON null");

    /// <summary>Posts a batch and returns the 202 answer.</summary>
    public static async Task<JsonObject> IngestAsync(HttpClient client, HttpContent body)
    {
        using var response = await client.PostAsync("/v1/ingest", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static Task<JsonObject> IngestAsync(HttpClient client, JsonNode events) => IngestAsync(client, Json(events));

    /// <summary>Walks every page of the timeline for <paramref name="query"/> (without limit or cursor).</summary>
    public static async Task<List<JsonObject>> ReadTimelineAsync(HttpClient client, string query = "", int limit = 1000)
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        for (var page = 0; page < 10_000; page++)
        {
            var url = $"/v1/timeline?limit={limit}" + (query.Length > 0 ? "&" + query : "") + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var body = await GetJsonAsync(client, url);
            items.AddRange(body["items"]!.AsArray().Select(i => i!.AsObject()));
            cursor = body["next"]?.GetValue<string>();
            if (cursor is null)
                return items;
        }

        throw new InvalidOperationException("the timeline never ended");
    }

    public static async Task<JsonObject> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: expected 200, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Asserts a problem+json answer with the status and the <c>field</c> extension; returns the problem.</summary>
    public static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.True(problem["field"]?.GetValue<string>() == field, $"expected field '{field}': {text}");
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }

    /// <summary>The ids of the items, in the order the timeline returned them.</summary>
    public static List<string> Ids(IEnumerable<JsonObject> items) => [.. items.Select(i => i["id"]!.GetValue<string>())];
}
