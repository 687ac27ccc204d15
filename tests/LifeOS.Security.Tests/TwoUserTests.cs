using System.Net.Http.Json;
using System.Text;
using LifeOS.Identity.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Security.Tests;

/// <summary>
/// Alice and Bob on one server. Bob walks every route the app maps (read from the endpoint data source) with Alice's
/// ids, cursors, filters and media references, and never sees or changes anything of hers, unless she shares, and then
/// only what the share covers.
/// </summary>
public sealed class TwoUserTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private const string Device = "a-secret-device";
    private const string ClipboardSecret = "A-CLIPBOARD-SECRET";
    private const string OAuthSecret = "A-OAUTH-SECRET";
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, .. "A-PHOTO-SECRET"u8.ToArray()];

    // Read routes take ?user= and must refuse it without a share; a new read route belongs here too.
    private static readonly string?[] NoBody = [null];

    private static readonly string[] ReadRoutes =
        ["GET /v1/timeline", "GET /v1/metrics/{type}", "GET /v1/devices/{device}/ledger", "GET /v1/media/{sha256}"];

    // The walk tries Alice's login with wrong passwords many times; the limits on guessing are tested elsewhere.
    private readonly SecureServer _server = new(new Dictionary<string, string?>
    {
        ["LifeOS:Limits:AuthRequestsPerWindow"] = "100000",
        ["LifeOS:Limits:LoginsPerAccountPerWindow"] = "100000",
    });
    private User _alice = null!;
    private User _bob = null!;
    private string _sha = "";
    private string _cursor = "";
    private string _patId = "";
    private string _pat = "";
    private string _deviceToken = "";
    private string _deviceTokenId = "";
    private string _shareId = "";
    private List<string> _aliceIds = [];

    public async ValueTask InitializeAsync()
    {
        _alice = await _server.SignUpAsync("alice");
        _bob = await _server.SignUpAsync("bob");
        await _server.SignUpAsync("carol");
        using var alice = _server.Client(_alice.AccessToken);

        var pat = (await Http.SendJsonAsync(alice, HttpMethod.Post, "/v1/tokens",
            new JsonObject { ["name"] = "importer", ["scopes"] = new JsonArray("ingest", "read") }, HttpStatusCode.Created)).AsObject();
        (_pat, _patId) = (pat["token"]!.GetValue<string>(), pat["id"]!.GetValue<string>());
        var device = (await Http.SendJsonAsync(alice, HttpMethod.Post, "/v1/devices",
            new JsonObject { ["device"] = Device, ["types"] = new JsonArray("device.health.heartrate") }, HttpStatusCode.Created)).AsObject();
        (_deviceToken, _deviceTokenId) = (device["token"]!.GetValue<string>(), device["id"]!.GetValue<string>());
        _shareId = (await Http.SendJsonAsync(alice, HttpMethod.Post, "/v1/shares",
            new JsonObject { ["grantee"] = "carol", ["role"] = "viewer" }, HttpStatusCode.Created))["id"]!.GetValue<string>();
        await Http.SendJsonAsync(alice, HttpMethod.Put, "/v1/integrations/calendar", new JsonObject { ["secret"] = OAuthSecret }, HttpStatusCode.NoContent);

        using var watch = _server.Client(_deviceToken);
        await Http.IngestAsync(watch,
            Http.HeartRate(Device, 1, T0, 60, "a-hr-1"),
            Http.HeartRate(Device, 2, T0.AddHours(1), 70, "a-hr-2"),
            Http.HeartRate(Device, 3, T0.AddHours(2), 80, "a-hr-3"));
        await Http.IngestAsync(alice,
            Http.Event("digital.clipboard", "a-laptop", 1, T0.AddHours(1), new JsonObject { ["content"] = ClipboardSecret }, "a-clip"),
            Http.Event("device.sensor.gps", "a-phone", 1, T0.AddHours(1), new JsonObject { ["lat"] = 52.5, ["lon"] = 13.4 }, "a-gps"));
        var upload = await Http.UploadPhotoAsync(alice, "a-phone", 2, T0.AddHours(1).AddMinutes(30), Photo, "a-photo");
        _sha = upload["blob"]!["sha256"]!.GetValue<string>();
        await _server.WaitForPersistenceAsync();

        _cursor = (await Http.GetJsonAsync(alice, "/v1/timeline?limit=2"))["next"]!.GetValue<string>();
        _aliceIds = Http.Ids(await Http.TimelineAsync(alice));
        Assert.Equal(6, _aliceIds.Count);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    /// <summary>What must never appear in an answer to Bob (without a share). Not device names: each account names its
    /// own devices, and Bob may well call one of his by the name Alice uses.</summary>
    private string[] Markers() => [ClipboardSecret, OAuthSecret, "A-PHOTO-SECRET", _alice.Id, _patId, _deviceTokenId, _shareId, .. _aliceIds];

    private Dictionary<string, string[]> RouteValues() => new()
    {
        ["device"] = [Device, "a-phone"],
        ["sha256"] = [_sha],
        ["type"] = ["device.health.heartrate", "digital.clipboard"],
        ["id"] = [_patId, _deviceTokenId, _shareId],
        ["name"] = ["calendar"],
        ["documentName"] = ["v1"],
    };

    private string[] Queries() =>
    [
        "",
        "?user=" + _alice.Id,
        $"?user={_alice.Id}&types=digital.clipboard,device.health.heartrate&device={Device}&from=2026-01-01T00:00:00Z&cursor={Uri.EscapeDataString(_cursor)}",
        $"?cursor={Uri.EscapeDataString(_cursor)}&q={ClipboardSecret}&query={ClipboardSecret}&confirm=alice",
    ];

    private string?[] Bodies() =>
    [
        "{}",
        new JsonObject
        {
            ["login"] = "alice", ["password"] = "not-alices-password", ["grantee"] = "alice", ["role"] = "viewer", ["device"] = Device,
            ["name"] = "n", ["scopes"] = new JsonArray("read"), ["secret"] = "bobs", ["id"] = _shareId, ["user"] = _alice.Id,
            ["currentPassword"] = "wrong-password-here", ["newPassword"] = "another long password",
        }.ToJsonString(),
    ];

    [Fact]
    public async Task Bob_cannot_read_change_or_delete_anything_of_alice_through_any_route()
    {
        var routes = RouteCatalog.Enumerate(_server);
        // The enumeration must really see the API, or the walk proves nothing.
        foreach (var known in ReadRoutes.Concat(["POST /v1/ingest", "POST /v1/media", "GET /v1/stream", "POST /v1/devices/", "DELETE /v1/devices/{device}",
                     "POST /v1/tokens/", "DELETE /v1/tokens/{id}", "POST /v1/shares/", "DELETE /v1/shares/{id}", "GET /v1/audit", "DELETE /v1/data",
                     "DELETE /v1/account", "PUT /v1/integrations/{name}", "DELETE /v1/integrations/{name}", "POST /v1/auth/login"]))
            Assert.Contains(known, routes.Select(r => r.Name));

        var failures = new List<string>();
        var sent = 0;
        foreach (var credential in new string?[] { _bob.AccessToken, null })
        {
            using var bob = _server.Client(credential);
            foreach (var route in routes)
            {
                foreach (var path in RouteCatalog.Paths(route.Parsed, RouteValues()))
                {
                    foreach (var query in Queries())
                    {
                        foreach (var body in route.Method is "POST" or "PUT" ? Bodies() : NoBody)
                        {
                            using var request = route.Request(path + query, body);
                            using var response = await bob.SendAsync(request);
                            var text = await response.Content.ReadAsStringAsync();
                            sent++;
                            var what = $"{route.Method} {path}{query} ({(credential is null ? "no token" : "bob")}) → {(int)response.StatusCode}";
                            if ((int)response.StatusCode >= 500)
                                failures.Add($"{what}: server error {text}");
                            if (Markers().FirstOrDefault(m => text.Contains(m, StringComparison.Ordinal)) is { } leaked)
                                failures.Add($"{what}: answer holds alice's '{leaked}'");
                            if (credential is not null && query.StartsWith("?user=", StringComparison.Ordinal) && ReadRoutes.Contains(route.Name)
                                && response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.BadRequest))
                                failures.Add($"{what}: a read of alice's data without a share must be 403 (or 400 for a malformed request)");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests went wrong:\n" + string.Join('\n', failures.Take(40)));
        Assert.True(sent > 200, $"only {sent} requests were sent");
        await AssertAliceUntouchedAsync();
    }

    [Fact]
    public async Task A_share_lets_bob_read_only_its_types_and_time_range_on_every_read_route_and_nothing_after_revocation()
    {
        using var alice = _server.Client(_alice.AccessToken);
        using var bob = _server.Client(_bob.AccessToken);
        var share = (await Http.SendJsonAsync(alice, HttpMethod.Post, "/v1/shares", new JsonObject
        {
            ["grantee"] = "bob", ["role"] = "viewer", ["types"] = new JsonArray("device.health.heartrate"),
            ["from"] = "2026-03-02T08:30:00Z", ["to"] = "2026-03-02T10:30:00Z",
        }, HttpStatusCode.Created)).AsObject();
        var of = "user=" + _alice.Id;

        // Timeline: only heart rate inside the window, whatever Bob asks for, and cursors stay inside it.
        Assert.Equal(["a-hr-2", "a-hr-3"], Http.Ids(await Http.TimelineAsync(bob, of)));
        Assert.Equal(["a-hr-2", "a-hr-3"], Http.Ids(await Http.TimelineAsync(bob, of + "&types=digital.clipboard,device.health.heartrate,device.image.camera")));
        Assert.Empty(await Http.TimelineAsync(bob, of + "&types=digital.clipboard"));
        Assert.Empty(await Http.TimelineAsync(bob, of + "&to=2026-03-02T08:30:00Z"));
        // Alice's own first page ended at (09:00, a-clip); continuing from it shows Bob only the shared rest.
        Assert.Equal(["a-hr-2", "a-hr-3"], Http.Ids(await Http.TimelineAsync(bob, of + "&cursor=" + Uri.EscapeDataString(_cursor))));

        // Metrics: only the samples inside the window count; other types have nothing.
        var metrics = await Http.GetJsonAsync(bob, $"/v1/metrics/device.health.heartrate?{of}&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z&bucket=1d&agg=count");
        Assert.Equal(2, Assert.Single(metrics["buckets"]!.AsArray())!["count"]!.GetValue<long>());
        var gps = await Http.GetJsonAsync(bob, $"/v1/metrics/device.health.heartrate?{of}&from=2026-03-02T00:00:00Z&to=2026-03-02T08:30:00Z&agg=count");
        Assert.Empty(gps["buckets"]!.AsArray());

        // A limited share does not cover the ledger (it counts every type) or media of other types.
        using (var ledger = await bob.GetAsync($"/v1/devices/{Device}/ledger?{of}"))
            await Http.AssertProblemAsync(ledger, HttpStatusCode.Forbidden);
        using (var media = await bob.GetAsync($"/v1/media/{_sha}?{of}"))
            await Http.AssertProblemAsync(media, HttpStatusCode.NotFound);

        // Nothing outside the share appears on any read route Bob can reach, whatever he asks.
        foreach (var route in RouteCatalog.Enumerate(_server).Where(r => r.Method == "GET" && !r.Anonymous))
        {
            foreach (var path in RouteCatalog.Paths(route.Parsed, RouteValues()))
            {
                using var response = await bob.GetAsync(path + "?" + of + "&types=digital.clipboard,device.sensor.gps");
                var text = await response.Content.ReadAsStringAsync();
                foreach (var outside in new[] { ClipboardSecret, "a-clip", "a-gps", "a-photo", "a-hr-1", "A-PHOTO-SECRET", OAuthSecret })
                    Assert.False(text.Contains(outside, StringComparison.Ordinal), $"GET {path}?{of}: '{outside}' is outside the share: {text}");
            }
        }

        // Bob cannot widen his own share, and the owner's audit log records the share.
        using (var widen = await bob.PostAsJsonAsync("/v1/shares", new { grantee = "bob", role = "owner" }))
            await Http.AssertProblemAsync(widen, HttpStatusCode.BadRequest);
        var audit = await Http.GetJsonAsync(alice, "/v1/audit");
        Assert.Contains(audit["items"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "share.created"
            && e["detail"]!.GetValue<string>().Contains(_bob.Id, StringComparison.Ordinal));

        // An unlimited share opens the ledger and the photo; revoking closes every read route again.
        share = (await Http.SendJsonAsync(alice, HttpMethod.Post, "/v1/shares", new JsonObject { ["grantee"] = "bob", ["role"] = "viewer" }, HttpStatusCode.Created))
            .AsObject();
        Assert.Equal(3, (await Http.GetJsonAsync(bob, $"/v1/devices/{Device}/ledger?{of}"))["received"]!.GetValue<long>());
        using (var media = await bob.GetAsync($"/v1/media/{_sha}?{of}"))
        {
            Assert.Equal(HttpStatusCode.OK, media.StatusCode);
            Assert.Equal(Photo, await media.Content.ReadAsByteArrayAsync());
        }

        using (var revoke = await bob.DeleteAsync("/v1/shares/" + share["id"]!.GetValue<string>()))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        foreach (var url in new[] { $"/v1/timeline?{of}", $"/v1/metrics/device.health.heartrate?{of}", $"/v1/devices/{Device}/ledger?{of}", $"/v1/media/{_sha}?{of}" })
        {
            using var response = await bob.GetAsync(url);
            await Http.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }

        await AssertAliceUntouchedAsync();
    }

    /// <summary>Everything Alice had is there and works as before.</summary>
    private async Task AssertAliceUntouchedAsync()
    {
        using var alice = _server.Client(_alice.AccessToken);
        Assert.Equal(_aliceIds, Http.Ids(await Http.TimelineAsync(alice)));
        var clipboard = Assert.Single(await Http.TimelineAsync(alice, "types=digital.clipboard"));
        Assert.Equal(ClipboardSecret, clipboard["data"]!["content"]!.GetValue<string>());
        using (var media = await alice.GetAsync("/v1/media/" + _sha))
            Assert.Equal(Photo, await media.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, (await Http.GetJsonAsync(alice, $"/v1/devices/{Device}/ledger"))["received"]!.GetValue<long>());

        var tokens = (await alice.GetFromJsonAsync<JsonArray>("/v1/tokens"))!;
        Assert.All(tokens, t => Assert.Null(t!["revoked"]?.GetValue<string>()));
        using (var pat = _server.Client(_pat))
            await Http.GetJsonAsync(pat, "/v1/timeline?limit=1");
        using (var watch = _server.Client(_deviceToken))
            Assert.Equal(1, (await Http.IngestAsync(watch, Http.HeartRate(Device, 100, T0.AddDays(1), 90, "a-hr-later")))["accepted"]!.GetValue<int>());

        var shares = await Http.GetJsonAsync(alice, "/v1/shares");
        Assert.Contains(shares["given"]!.AsArray(), s => s!["id"]!.GetValue<string>() == _shareId);
        var secrets = _server.Services.GetRequiredService<IntegrationSecrets>();
        Assert.Equal(OAuthSecret, await secrets.GetAsync(_alice.Id, "calendar"));
        await _server.LoginAsync("alice");
        Assert.Empty(_server.LoggedErrors);
    }
}
