using System.Net;
using System.Text.Json.Nodes;
using LifeOS.Identity;
using LifeOS.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Api.Tests;

/// <summary>A second user sees none of the first user's events, metrics, ledgers or media, however they ask.</summary>
public sealed class UserIsolationTests
{
    private const string UserB = "user-b";
    private const string TokenB = "user-b-token-for-the-api-tests";
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, .. "a photo only user A took"u8.ToArray()];

    private static async Task<ServerFactory> StartWithUserAAsync()
    {
        var server = new ServerFactory();
        var accounts = server.Services.GetRequiredService<IAccountStore>();
        await accounts.EnsureUserAsync(UserB, "B");
        await accounts.SaveTokenAsync(new TokenGrant(Tokens.Hash(TokenB), UserB, TokenKind.User, null, "test", DateTimeOffset.UtcNow));

        using var a = server.CreateOwnerClient();
        await Api.IngestAsync(a, new JsonArray(
            Api.HeartRate("watch", 1, "2026-03-02T08:00:00Z", 60, id: "a-1"),
            Api.HeartRate("watch", 2, "2026-03-02T08:10:00Z", 70, id: "a-2"),
            Api.HeartRate("watch", 4, "2026-03-02T08:20:00Z", 80, id: "a-4"),
            Api.Event("digital.clipboard", "laptop", 1, "2026-03-02T08:30:00Z", new() { ["content"] = "A's secret" }, id: "a-clip")));
        await Api.UploadAsync(a, Api.Camera("phone", 1, "2026-03-02T08:40:00Z", Photo, id: "a-photo"));
        await server.WaitForPersistenceAsync();
        return server;
    }

    [Fact]
    public async Task User_b_sees_an_empty_timeline_by_any_filter_and_with_a_cursor_from_a_page_of_user_a()
    {
        await using var server = await StartWithUserAAsync();
        using var a = server.CreateOwnerClient();
        using var b = server.CreateTokenClient(TokenB);
        var pageOfA = await Api.GetJsonAsync(a, "/v1/timeline?limit=2");
        var cursorOfA = pageOfA["next"]!.GetValue<string>();

        foreach (var query in new[] { "", "device=watch", "types=device.health.heartrate,digital.clipboard,device.image.camera", "from=2026-03-02T00:00:00Z",
                     "cursor=" + Uri.EscapeDataString(cursorOfA) })
        {
            var body = await Api.GetJsonAsync(b, "/v1/timeline?" + query);
            Assert.True(body["items"]!.AsArray().Count == 0, $"user B saw events with '{query}': {body.ToJsonString()}");
            Assert.Null(body["next"]);
        }

        Assert.Equal(5, (await Api.ReadTimelineAsync(a)).Count);
    }

    [Fact]
    public async Task User_b_gets_no_metric_buckets_and_no_ledger_from_user_a_devices()
    {
        await using var server = await StartWithUserAAsync();
        using var b = server.CreateTokenClient(TokenB);

        var metrics = await Api.GetJsonAsync(b, "/v1/metrics/device.health.heartrate?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z&agg=count");
        Assert.Empty(metrics["buckets"]!.AsArray());

        foreach (var device in new[] { "watch", "laptop", "phone" })
        {
            using var ledger = await b.GetAsync($"/v1/devices/{device}/ledger");
            Assert.Equal(HttpStatusCode.NotFound, ledger.StatusCode);
        }
    }

    [Fact]
    public async Task Knowing_the_hash_of_user_a_media_grants_user_b_nothing_until_b_uploads_the_bytes_too()
    {
        await using var server = await StartWithUserAAsync();
        using var a = server.CreateOwnerClient();
        using var b = server.CreateTokenClient(TokenB);
        var photoOfA = Assert.Single(await Api.ReadTimelineAsync(a, "types=device.image.camera"));
        var sha = photoOfA["data"]!["blob"]!["sha256"]!.GetValue<string>();

        using (var denied = await b.GetAsync($"/v1/media/{sha}"))
            Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);

        await Api.UploadAsync(b, Api.Camera("phone", 1, "2026-03-02T09:00:00Z", Photo, id: "b-photo"));
        await server.WaitForPersistenceAsync();
        using var allowed = await b.GetAsync($"/v1/media/{sha}");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(Photo, await allowed.Content.ReadAsByteArrayAsync());
        Assert.Equal(["b-photo"], Api.Ids(await Api.ReadTimelineAsync(b)));
        Assert.Equal(["a-photo"], Api.Ids(await Api.ReadTimelineAsync(a, "types=device.image.camera")));
    }

    [Fact]
    public async Task User_b_reusing_user_a_devices_seqs_and_client_ids_is_accepted_and_kept_apart()
    {
        await using var server = await StartWithUserAAsync();
        using var a = server.CreateOwnerClient();
        using var b = server.CreateTokenClient(TokenB);

        var answer = await Api.IngestAsync(b, new JsonArray(
            Api.HeartRate("watch", 1, "2026-03-02T08:00:00Z", 100, id: "a-1"),
            Api.HeartRate("watch", 2, "2026-03-02T08:10:00Z", 110)));
        Assert.Equal(2, answer["accepted"]!.GetValue<int>());
        Assert.Equal(0, answer["duplicates"]!.GetValue<int>());
        Assert.Equal(2, answer["ledger"]!["watch"]!["highSeq"]!.GetValue<long>());
        await server.WaitForPersistenceAsync();

        var timelineOfB = await Api.ReadTimelineAsync(b);
        Assert.Equal([100.0, 110.0], timelineOfB.Select(i => i["data"]!["value"]!.GetValue<double>()));
        var sumOfB = await Api.GetJsonAsync(b, "/v1/metrics/device.health.heartrate?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z&bucket=1d&agg=sum");
        Assert.Equal(210.0, Assert.Single(sumOfB["buckets"]!.AsArray())!["value"]!.GetValue<double>());
        var ledgerOfB = await Api.GetJsonAsync(b, "/v1/devices/watch/ledger");
        Assert.Equal((2L, 2L), (ledgerOfB["highSeq"]!.GetValue<long>(), ledgerOfB["received"]!.GetValue<long>()));

        // A is untouched: the same id on A's side still holds A's value, and A's ledger keeps its gap at 3.
        var timelineOfA = await Api.ReadTimelineAsync(a, "device=watch");
        Assert.Equal([60.0, 70.0, 80.0], timelineOfA.Select(i => i["data"]!["value"]!.GetValue<double>()));
        var ledgerOfA = await Api.GetJsonAsync(a, "/v1/devices/watch/ledger");
        Assert.Equal(3, ledgerOfA["received"]!.GetValue<long>());
        Assert.Single(ledgerOfA["gaps"]!.AsArray());
    }
}
