using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace LifeOS.Security.Tests;

/// <summary>Request builders and answer readers the tests share.</summary>
internal static class Http
{
    public const string ProblemJson = "application/problem+json";

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public static JsonObject HeartRate(string device, long seq, DateTimeOffset time, double bpm, string id) =>
        Event("device.health.heartrate", device, seq, time, new JsonObject { ["value"] = bpm }, id);

    public static JsonObject Event(string type, string device, long seq, DateTimeOffset time, JsonObject data, string id) => new()
    {
        ["id"] = id, ["type"] = type, ["device"] = device, ["seq"] = seq,
        ["time"] = time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), ["data"] = data,
    };

    public static async Task<JsonObject> IngestAsync(HttpClient client, params JsonObject[] events)
    {
        using var response = await client.PostAsync("/v1/ingest", Json(new JsonArray([.. events])));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"ingest: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> UploadPhotoAsync(HttpClient client, string device, long seq, DateTimeOffset time, byte[] bytes, string id)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("device.image.camera"), "type" },
            { new StringContent(device), "device" },
            { new StringContent(seq.ToString(CultureInfo.InvariantCulture)), "seq" },
            { new StringContent(time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), "time" },
            { new StringContent(id), "id" },
            { new StringContent("""{"camera":"rear"}"""), "data" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("image/jpeg");
        form.Add(file, "file", "photo.jpg");
        using var response = await client.PostAsync("/v1/media", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"upload: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> GetJsonAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonNode> SendJsonAsync(HttpClient client, HttpMethod method, string url, JsonNode? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : Json(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {url}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Every item of the timeline for a query, across pages.</summary>
    public static async Task<List<JsonObject>> TimelineAsync(HttpClient client, string query = "")
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var url = "/v1/timeline?limit=2" + (query.Length > 0 ? "&" + query : "") + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await GetJsonAsync(client, url);
            items.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);
        return items;
    }

    public static List<string> Ids(IEnumerable<JsonObject> items) => [.. items.Select(i => i["id"]!.GetValue<string>())];

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }
}
