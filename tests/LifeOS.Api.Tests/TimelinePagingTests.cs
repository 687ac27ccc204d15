using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace LifeOS.Api.Tests;

/// <summary>Cursor paging walks the whole timeline exactly once, ties on time included, and refuses cursors it never issued.</summary>
public sealed class TimelinePagingTests
{
    [Fact]
    public async Task Paging_by_7_visits_every_event_once_in_order_even_when_many_share_a_timestamp()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var random = new Random(7);
        var sent = new List<(string Id, DateTimeOffset Time)>();
        var batch = new JsonArray();
        var t0 = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 60; i++)
        {
            // 25 events at exactly t0 (so pages break inside the tie), the rest spread around it.
            var time = i < 25 ? t0 : t0.AddSeconds(random.Next(-3600, 3600));
            var id = $"evt-{random.Next():x8}-{i}";
            var device = $"device-{i % 4}";
            batch.Add(Api.HeartRate(device, i, time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), 60 + (i % 50), id));
            sent.Add((id, time));
        }

        await Api.IngestAsync(client, batch);
        await server.WaitForPersistenceAsync();

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var body = await Api.GetJsonAsync(client, "/v1/timeline?limit=7" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            var items = body["items"]!.AsArray();
            cursor = body["next"]?.GetValue<string>();
            Assert.True(items.Count == 7 || cursor is null, $"page {pages} had {items.Count} items and a next cursor");
            seen.AddRange(items.Select(i => i!["id"]!.GetValue<string>()));
            pages++;
            Assert.True(pages <= 20, "paging did not end");
        }
        while (cursor is not null);

        Assert.Equal(9, pages);
        Assert.Equal(sent.OrderBy(s => s.Time).ThenBy(s => s.Id, StringComparer.Ordinal).Select(s => s.Id), seen);
    }

    [Fact]
    public async Task Paging_keeps_the_filters_of_the_query()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var batch = new JsonArray();
        for (var i = 0; i < 30; i++)
        {
            batch.Add(Api.HeartRate("watch", i, "2026-03-02T08:00:00Z", 60, $"hr-{i:00}"));
            batch.Add(Api.Event("device.health.steps", "watch", 100 + i, "2026-03-02T08:00:00Z", new() { ["value"] = i }, $"st-{i:00}"));
        }

        await Api.IngestAsync(client, batch);
        await server.WaitForPersistenceAsync();

        var steps = await Api.ReadTimelineAsync(client, "types=device.health.steps&from=2026-03-02T00:00:00Z", limit: 7);

        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"st-{i:00}"), Api.Ids(steps));
    }

    [Theory]
    [InlineData("not-a-cursor!!")]
    [InlineData("Zm9v")]
    [InlineData("")]
    [InlineData("OTk5OTk5OTk5OTk5OTk5OTk5OTk5OmFi")]
    public async Task A_cursor_the_api_did_not_issue_is_a_400_naming_cursor(string cursor)
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();

        using var response = await client.GetAsync("/v1/timeline?cursor=" + Uri.EscapeDataString(cursor));

        await Api.AssertProblemAsync(response, HttpStatusCode.BadRequest, "cursor");
    }

    [Fact]
    public async Task A_very_long_cursor_is_a_400_naming_cursor()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes("1:" + new string('a', 2000))).TrimEnd('=');

        using var response = await client.GetAsync("/v1/timeline?cursor=" + Uri.EscapeDataString(cursor));

        await Api.AssertProblemAsync(response, HttpStatusCode.BadRequest, "cursor");
    }
}
