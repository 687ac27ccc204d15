using System.Text.Json.Nodes;

namespace LifeOS.Api.Tests;

/// <summary>Retries and repeats, by (device, seq), by client id and inside one batch, are counted as duplicates and stored once.</summary>
public sealed class DuplicateTests
{
    [Fact]
    public async Task The_same_device_and_seq_again_is_a_duplicate_even_with_different_data()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var original = new JsonArray(
            Api.HeartRate("watch", 1, "2026-03-02T08:00:00Z", 60),
            Api.HeartRate("watch", 2, "2026-03-02T08:01:00Z", 61),
            Api.HeartRate("watch", 3, "2026-03-02T08:02:00Z", 62));
        Assert.Equal(3, (await Api.IngestAsync(client, original))["accepted"]!.GetValue<int>());

        // A retry whose payload changed is still the same capture: the first copy wins.
        var retry = new JsonArray(
            Api.HeartRate("watch", 1, "2026-03-02T08:00:00Z", 99),
            Api.HeartRate("watch", 2, "2026-03-02T08:01:00Z", 61),
            Api.HeartRate("watch", 3, "2026-03-02T09:02:00Z", 62),
            Api.HeartRate("watch", 4, "2026-03-02T08:03:00Z", 63));
        var answer = await Api.IngestAsync(client, retry);
        Assert.Equal(1, answer["accepted"]!.GetValue<int>());
        Assert.Equal(3, answer["duplicates"]!.GetValue<int>());
        Assert.Equal(4, answer["ledger"]!["watch"]!["highSeq"]!.GetValue<long>());

        await server.WaitForPersistenceAsync();
        var items = await Api.ReadTimelineAsync(client);
        Assert.Equal([1L, 2L, 3L, 4L], items.Select(i => i["seq"]!.GetValue<long>()));
        Assert.Equal(60, items[0]["data"]!["value"]!.GetValue<double>());
        Assert.Equal("2026-03-02T08:02:00Z", items[2]["time"]!.GetValue<string>());
        Assert.Equal(4, (await Api.GetJsonAsync(client, "/v1/devices/watch/ledger"))["received"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_same_client_id_again_is_a_duplicate_even_under_a_new_seq()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        await Api.IngestAsync(client, new JsonArray(Api.HeartRate("watch", 1, "2026-03-02T08:00:00Z", 60, id: "client-id-1")));

        var again = await Api.IngestAsync(client, new JsonArray(
            Api.HeartRate("watch", 2, "2026-03-02T08:01:00Z", 70, id: "client-id-1"),
            Api.HeartRate("phone", 1, "2026-03-02T08:02:00Z", 70, id: "client-id-1")));
        Assert.Equal(0, again["accepted"]!.GetValue<int>());
        Assert.Equal(2, again["duplicates"]!.GetValue<int>());

        // The same id also dedupes over NDJSON.
        var ndjson = await Api.IngestAsync(client, Api.Ndjson([Api.HeartRate("watch", 3, "2026-03-02T08:03:00Z", 80, id: "client-id-1")]));
        Assert.Equal(1, ndjson["duplicates"]!.GetValue<int>());

        await server.WaitForPersistenceAsync();
        var only = Assert.Single(await Api.ReadTimelineAsync(client));
        Assert.Equal("client-id-1", only["id"]!.GetValue<string>());
        Assert.Equal(60, only["data"]!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task Repeats_inside_one_batch_are_duplicates_and_the_first_copy_wins()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();

        var answer = await Api.IngestAsync(client, new JsonArray(
            Api.HeartRate("watch", 1, "2026-03-02T08:00:00Z", 60),
            Api.HeartRate("watch", 1, "2026-03-02T08:00:00Z", 61),
            Api.HeartRate("watch", 2, "2026-03-02T08:01:00Z", 62, id: "dup-id"),
            Api.HeartRate("watch", 3, "2026-03-02T08:02:00Z", 63, id: "dup-id"),
            Api.HeartRate("phone", 1, "2026-03-02T08:03:00Z", 64)));
        Assert.Equal(3, answer["accepted"]!.GetValue<int>());
        Assert.Equal(2, answer["duplicates"]!.GetValue<int>());
        Assert.Empty(answer["rejected"]!.AsArray());

        await server.WaitForPersistenceAsync();
        var items = await Api.ReadTimelineAsync(client);
        Assert.Equal(3, items.Count);
        Assert.Equal([60.0, 62.0, 64.0], items.Select(i => i["data"]!["value"]!.GetValue<double>()));
        Assert.Contains("dup-id", Api.Ids(items));
    }

    [Fact]
    public async Task The_same_batch_sent_eight_times_at_once_is_stored_once_and_accepted_once_in_total()
    {
        await using var server = new ServerFactory();
        using var client = server.CreateOwnerClient();
        var batch = new JsonArray([.. Enumerable.Range(1, 50).Select(i => (JsonNode)Api.HeartRate("watch", i, "2026-03-02T08:00:00Z", 60 + i))]);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Api.IngestAsync(client, batch.DeepClone())));

        await server.WaitForPersistenceAsync();
        Assert.Equal(50, (await Api.ReadTimelineAsync(client)).Count);
        Assert.Equal(50, (await Api.GetJsonAsync(client, "/v1/devices/watch/ledger"))["received"]!.GetValue<long>());
        // Every copy is either the one accepted or a duplicate: the counts a client sees add up to what was stored.
        Assert.Equal(50, answers.Sum(a => a["accepted"]!.GetValue<int>()));
        Assert.Equal(7 * 50, answers.Sum(a => a["duplicates"]!.GetValue<int>()));
    }
}
