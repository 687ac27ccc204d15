using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace LifeOS.Knowledge.Tests;

/// <summary>POST /v1/journal through the journal step to facts, missing fields, samples and GET /v1/journal.</summary>
public sealed class JournalApiTests : IAsyncLifetime
{
    private readonly KnowledgeServer _server = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task An_entry_is_parsed_into_explicit_facts_missing_fields_and_samples()
    {
        using var client = _server.Owner();
        using var posted = await client.PostAsJsonAsync("/v1/journal",
            new { text = "Mood 6/10. Ran 5 km with Anna in the park. Slept 7.5 hours last night.", time = "2026-11-20T21:00:00Z" });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var id = (await KnowledgeServer.ReadJsonAsync(posted))["id"]!.GetValue<string>();
        await _server.WaitForPipelineAsync();

        var list = await KnowledgeServer.ReadJsonAsync(await client.GetAsync("/v1/journal"));
        var entry = Assert.Single(list["entries"]!.AsArray())!;
        Assert.Equal(id, entry["id"]!.GetValue<string>());
        Assert.Equal("lifeos-journal-rules/1", entry["model"]!.GetValue<string>());
        var facts = entry["facts"]!.AsArray().Select(f => f!).ToList();
        JsonNode Fact(string field) => facts.Single(f => f["field"]!.GetValue<string>() == field);

        Assert.Equal(7.5, Fact("sleep.duration")["numericValue"]!.GetValue<double>());
        Assert.Equal("explicit", Fact("sleep.duration")["provenance"]!.GetValue<string>());
        Assert.Equal(6, Fact("mood.score")["numericValue"]!.GetValue<double>());
        Assert.Equal(5, Fact("exercise.distance")["numericValue"]!.GetValue<double>());
        Assert.Contains(facts, f => f["field"]!.GetValue<string>() == "people" && f["value"]!.GetValue<string>() == "Anna");
        // Energy is tracked by default and the entry is silent on it.
        Assert.Equal("missing", Fact("energy.score")["provenance"]!.GetValue<string>());
        Assert.Null(Fact("energy.score")["value"]);

        var span = Fact("mood.score")["span"]!;
        var text = entry["text"]!.GetValue<string>();
        Assert.Contains("6/10", text[span["start"]!.GetValue<int>()..span["end"]!.GetValue<int>()], StringComparison.Ordinal);

        var samples = await KnowledgeServer.ReadJsonAsync(await client.GetAsync("/v1/journal/samples?type=journal.mood.score"));
        var sample = Assert.Single(samples["samples"]!.AsArray())!;
        Assert.Equal(6, sample["value"]!.GetValue<double>());
        Assert.Equal("2026-11-20T21:00:00Z", sample["time"]!.GetValue<string>());
    }

    [Fact]
    public async Task Numeric_facts_are_metrics_beside_sensor_samples_until_the_entry_is_deleted()
    {
        using var client = _server.Owner();
        async Task<string> Post(string text, string time)
        {
            using var posted = await client.PostAsJsonAsync("/v1/journal", new { text, time });
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            return (await KnowledgeServer.ReadJsonAsync(posted))["id"]!.GetValue<string>();
        }

        async Task<JsonArray> Buckets(string type)
        {
            using var response = await client.GetAsync($"/v1/metrics/{type}?from=2026-11-18T00:00:00Z&to=2026-11-22T00:00:00Z&bucket=1d&agg=avg");
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return (await KnowledgeServer.ReadJsonAsync(response))["buckets"]!.AsArray();
        }

        var first = await Post("Mood 6/10. Spent 12 EUR on lunch.", "2026-11-20T12:00:00Z");
        await Post("Mood 8/10 after a good run.", "2026-11-20T20:00:00Z");
        await Post("Mood 3/10, rainy all day.", "2026-11-21T18:00:00Z");
        await _server.WaitForPipelineAsync();

        var mood = await Buckets("journal.mood.score");
        Assert.Equal(["2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z"], mood.Select(b => b!["start"]!.GetValue<string>()));
        Assert.Equal([7.0, 3.0], mood.Select(b => b!["value"]!.GetValue<double>()));
        Assert.Equal(12, Assert.Single(await Buckets("journal.spending.amount.eur"))!["value"]!.GetValue<double>());
        using (var unit = await client.GetAsync("/v1/metrics/journal.mood.score"))
            Assert.Equal("score", (await KnowledgeServer.ReadJsonAsync(unit))["unit"]!.GetValue<string>());

        using (var deleted = await client.DeleteAsync($"/v1/journal/{first}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal([8.0, 3.0], (await Buckets("journal.mood.score")).Select(b => b!["value"]!.GetValue<double>()));
        Assert.Empty(await Buckets("journal.spending.amount.eur"));

        // Text fields are not metrics; neither is a currency that is not a code.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/v1/metrics/journal.people")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/v1/metrics/journal.spending.amount.euro")).StatusCode);
    }

    [Fact]
    public async Task Replaying_the_same_entry_does_not_duplicate_facts_or_samples()
    {
        using var client = _server.Owner();
        using (var posted = await client.PostAsJsonAsync("/v1/journal", new { text = "Energy 4/10 today." }))
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        await _server.WaitForPipelineAsync();
        var first = await KnowledgeServer.ReadJsonAsync(await client.GetAsync("/v1/journal"));
        var entryId = first["entries"]![0]!["id"]!.GetValue<string>();
        var one = await KnowledgeServer.ReadJsonAsync(await client.GetAsync($"/v1/journal/{entryId}"));
        Assert.Single(one["facts"]!.AsArray(), f => f!["field"]!.GetValue<string>() == "energy.score");
        var samples = await KnowledgeServer.ReadJsonAsync(await client.GetAsync("/v1/journal/samples?type=journal.energy.score"));
        Assert.Single(samples["samples"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"time": "2026-11-20T21:00:00Z"}""", "text")]
    [InlineData("""{"text": "hi", "time": "yesterday"}""", "time")]
    [InlineData("""[1, 2]""", "body")]
    public async Task Bad_input_is_a_problem_naming_the_field(string body, string field)
    {
        using var client = _server.Owner();
        using var response = await client.PostAsync("/v1/journal", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await KnowledgeServer.ReadJsonAsync(response))["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_an_entry_removes_its_facts_and_its_search_chunks()
    {
        using var client = _server.Owner();
        using var posted = await client.PostAsJsonAsync("/v1/journal", new { text = "Visited the planetarium with Jonas." });
        var id = (await KnowledgeServer.ReadJsonAsync(posted))["id"]!.GetValue<string>();
        await _server.WaitForPipelineAsync();
        using var search = await client.GetAsync("/v1/search?q=planetarium");
        Assert.True(search.IsSuccessStatusCode, await search.Content.ReadAsStringAsync());
        var found = await KnowledgeServer.ReadJsonAsync(search);
        Assert.Single(found["hits"]!.AsArray());

        using (var deleted = await client.DeleteAsync($"/v1/journal/{id}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/journal/{id}")).StatusCode);
        var after = await KnowledgeServer.ReadJsonAsync(await client.GetAsync("/v1/search?q=planetarium"));
        Assert.Empty(after["hits"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/v1/journal/{id}")).StatusCode);
    }
}
