using System.Text;

namespace LifeOS.Security.Tests;

/// <summary>Who may write what: a device token sends its own device's declared event types and nothing else, on every
/// write route; and every write route holds times and JSON to the same rules ingest does.</summary>
public sealed class WriteRouteTests : IAsyncLifetime
{
    // Routes that take events, where a device token is checked per event (device and type) rather than refused whole.
    private static readonly string[] EventRoutes = ["POST /v1/ingest", "POST /v1/media"];

    private readonly SecureServer _server = new();
    private User _alice = null!;
    private string _deviceToken = "";

    public async ValueTask InitializeAsync()
    {
        _alice = await _server.SignUpAsync("alice");
        using var alice = _server.Client(_alice.AccessToken);
        var device = (await Http.SendJsonAsync(alice, HttpMethod.Post, "/v1/devices",
            new JsonObject { ["device"] = "alice-watch", ["types"] = new JsonArray("device.health.heartrate") }, HttpStatusCode.Created)).AsObject();
        _deviceToken = device["token"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_device_token_is_refused_on_every_write_route_but_the_event_routes()
    {
        var writes = RouteCatalog.Enumerate(_server).Where(r => !r.Anonymous && r.Method is "POST" or "PUT" or "PATCH" or "DELETE").ToList();
        foreach (var known in new[] { "POST /v1/journal/", "POST /v1/knowledge/", "POST /v1/ingest", "DELETE /v1/account" })
            Assert.Contains(known, writes.Select(r => r.Name));

        using var watch = _server.Client(_deviceToken);
        var failures = new List<string>();
        foreach (var route in writes.Where(r => !EventRoutes.Contains(r.Name)))
        {
            foreach (var path in RouteCatalog.Paths(route.Parsed, new Dictionary<string, string[]>()))
            {
                using var request = route.Request(path, """{"kind":"link","url":"http://example.com/","text":"a note","device":"alice-watch"}""");
                using var response = await watch.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Forbidden)
                    failures.Add($"{route.Method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(failures.Count == 0, "a device token was not refused:\n" + string.Join('\n', failures));
        using var alice = _server.Client(_alice.AccessToken);
        await _server.WaitForPersistenceAsync();
        Assert.Empty(await Http.TimelineAsync(alice));

        // The control: the same token still sends its own events.
        var sent = await Http.IngestAsync(watch, Http.HeartRate("alice-watch", 1, DateTimeOffset.UtcNow, 61, "hr-1"));
        Assert.Equal(1, sent["accepted"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/v1/journal", """{"text":"Slept well","time":"0001-01-01T00:00:00Z"}""", "time")]
    [InlineData("/v1/journal", """{"text":"Slept well","time":"9999-12-31T23:59:59Z"}""", "time")]
    [InlineData("/v1/knowledge", """{"kind":"note","text":"An idea","time":"0001-01-01T00:00:00Z"}""", "time")]
    [InlineData("/v1/knowledge", """{"kind":"note","text":"An idea","time":"9999-12-31T23:59:59Z"}""", "time")]
    [InlineData("/v1/journal", """{"text":"Slept well","text":"Slept badly"}""", "text")]
    [InlineData("/v1/knowledge", """{"kind":"note","text":"An idea","kind":"link"}""", "kind")]
    [InlineData("/v1/tokens", """{"name":"a","scopes":["read"],"scopes":["manage"]}""", "scopes")]
    [InlineData("/v1/devices", """{"device":"a","device":"b"}""", "device")]
    public async Task Times_outside_the_event_years_and_repeated_keys_are_refused_naming_the_field(string route, string body, string field)
    {
        using var alice = _server.Client(_alice.AccessToken);
        using var response = await alice.PostAsync(route, new StringContent(body, Encoding.UTF8, "application/json"));
        await Http.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains($"\"field\":\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_refuses_times_outside_the_same_years()
    {
        using var alice = _server.Client(_alice.AccessToken);
        var events = new JsonArray(
            Http.HeartRate("phone", 1, DateTimeOffset.UtcNow, 60, "ok"),
            new JsonObject { ["type"] = "device.health.heartrate", ["device"] = "phone", ["seq"] = 2, ["time"] = "0001-01-01T00:00:00Z", ["data"] = new JsonObject { ["value"] = 60 } });
        using var response = await alice.PostAsync("/v1/ingest", Http.Json(events));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(1, answer["accepted"]!.GetValue<int>());
        Assert.StartsWith("time: must be between 1970 and 2200", answer["rejected"]![0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
