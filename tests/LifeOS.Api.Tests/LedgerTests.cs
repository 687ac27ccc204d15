using System.Text.Json.Nodes;

namespace LifeOS.Api.Tests;

/// <summary>The capture ledger makes missing seqs visible as gaps, and only real holes count as gaps.</summary>
public sealed class LedgerTests
{
    [Fact]
    public async Task Seqs_1_2_5_9_leave_gaps_3_to_4_and_6_to_8()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        await Api.IngestAsync(client, Batch("watch", 9, 1, 5, 2));

        var ledger = await Api.GetJsonAsync(client, "/v1/devices/watch/ledger");

        Assert.Equal(1, ledger["lowSeq"]!.GetValue<long>());
        Assert.Equal(9, ledger["highSeq"]!.GetValue<long>());
        Assert.Equal(4, ledger["received"]!.GetValue<long>());
        Assert.Equal([(3L, 4L), (6L, 8L)], Gaps(ledger));
        Assert.False(ledger["gapsTruncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Filling_a_gap_later_closes_it_and_duplicates_do_not_count_as_received()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        await Api.IngestAsync(client, Batch("watch", 1, 2, 5, 9));

        await Api.IngestAsync(client, Batch("watch", 3, 4, 5, 2));

        var ledger = await Api.GetJsonAsync(client, "/v1/devices/watch/ledger");
        Assert.Equal(6, ledger["received"]!.GetValue<long>());
        Assert.Equal([(6L, 8L)], Gaps(ledger));
    }

    [Fact]
    public async Task A_contiguous_run_has_no_gaps_whatever_seq_it_starts_at()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        await Api.IngestAsync(client, Batch("phone", [.. Enumerable.Range(100, 20).Reverse()]));
        await Api.IngestAsync(client, Batch("tablet", 0));

        var phone = await Api.GetJsonAsync(client, "/v1/devices/phone/ledger");
        Assert.Equal(100, phone["lowSeq"]!.GetValue<long>());
        Assert.Equal(119, phone["highSeq"]!.GetValue<long>());
        Assert.Equal(20, phone["received"]!.GetValue<long>());
        Assert.Empty(Gaps(phone));

        var tablet = await Api.GetJsonAsync(client, "/v1/devices/tablet/ledger");
        Assert.Equal((0L, 0L, 1L), (tablet["lowSeq"]!.GetValue<long>(), tablet["highSeq"]!.GetValue<long>(), tablet["received"]!.GetValue<long>()));
        Assert.Empty(Gaps(tablet));
    }

    [Fact]
    public async Task Ledgers_are_per_device()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var batch = Batch("watch", 1, 3);
        foreach (var e in Batch("phone", 1, 2).AsArray())
            batch.AsArray().Add(e!.DeepClone());
        await Api.IngestAsync(client, batch);

        Assert.Equal([(2L, 2L)], Gaps(await Api.GetJsonAsync(client, "/v1/devices/watch/ledger")));
        Assert.Empty(Gaps(await Api.GetJsonAsync(client, "/v1/devices/phone/ledger")));
    }

    [Theory]
    [InlineData("Zoë's phone")]
    [InlineData("car stereo #2")]
    [InlineData("home/kitchen")]
    public async Task Every_device_name_that_ingestion_accepts_has_a_reachable_ledger(string device)
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var answer = await Api.IngestAsync(client, Batch(device, 1, 3));
        Assert.Equal(2, answer["accepted"]!.GetValue<int>());

        using var response = await client.GetAsync($"/v1/devices/{Uri.EscapeDataString(device)}/ledger");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET the ledger of '{device}': {(int)response.StatusCode} {text}");
        var ledger = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(device, ledger["device"]!.GetValue<string>());
        Assert.Equal([(2L, 2L)], Gaps(ledger));
    }

    private static JsonNode Batch(string device, params int[] seqs) =>
        new JsonArray([.. seqs.Select(s => (JsonNode)Api.HeartRate(device, s, $"2026-03-02T08:{s % 60:00}:00Z", 60))]);

    private static List<(long, long)> Gaps(JsonObject ledger) =>
        [.. ledger["gaps"]!.AsArray().Select(g => (g!["from"]!.GetValue<long>(), g["to"]!.GetValue<long>()))];
}
