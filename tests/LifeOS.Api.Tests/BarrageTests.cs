using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LifeOS.Contracts;

namespace LifeOS.Api.Tests;

/// <summary>Ten thousand malformed requests and events, 8 in flight: no 5xx, every refusal names its field, and exactly the valid neighbours are stored.</summary>
public sealed class BarrageTests
{
    private const int Seed = 20261122;
    private const int InFlight = 8;

    [Fact]
    public async Task Ten_thousand_malformed_requests_and_events_cause_no_server_error_and_cost_no_valid_neighbour()
    {
        var plan = BarragePlan.Generate(Seed, malformedTarget: 10_000);
        // The plan must really cover what it claims to, or a green run proves little.
        Assert.True(plan.Malformed >= 10_000);
        Assert.Equal(Payloads.JsonTypes.Concat(Payloads.MediaTypes).Select(t => t.EventType!).Order(StringComparer.Ordinal),
            plan.BrokenPayloadTypes.Order(StringComparer.Ordinal));
        Assert.True(plan.ValidIds.Count > 1000, $"only {plan.ValidIds.Count} valid neighbours");

        await using var server = new ServerFactory(new Dictionary<string, string?>
        {
            ["LifeOS:Ingestion:MaxBodyBytes"] = BarragePlan.MaxBodyBytes.ToString(),
            ["LifeOS:Ingestion:MaxEventsPerRequest"] = BarragePlan.MaxEventsPerRequest.ToString(),
            ["LifeOS:Ingestion:MaxMediaBytes"] = BarragePlan.MaxMediaBytes.ToString(),
        });
        using var client = server.CreateOwnerClient();
        client.Timeout = TimeSpan.FromMinutes(2);
        var violations = new ConcurrentQueue<(string Category, string Detail)>();
        var clock = Stopwatch.StartNew();

        using (var gate = new SemaphoreSlim(InFlight))
        {
            await Task.WhenAll(plan.Requests.Select(async request =>
            {
                await gate.WaitAsync();
                try
                {
                    using var response = await client.PostAsync(request.Path, request.Content());
                    foreach (var problem in await CheckAsync(response, request.Expect))
                        violations.Enqueue((request.Category, problem));
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        var sendTime = clock.Elapsed;
        await server.WaitForPersistenceAsync(TimeSpan.FromMinutes(2));
        await CheckStoreAsync(client, plan, violations);

        Assert.True(violations.IsEmpty, Summarise(plan, violations, server, sendTime));
    }

    /// <summary>Everything wrong with one answer, as short sentences (empty when it is as expected).</summary>
    private static async Task<List<string>> CheckAsync(HttpResponseMessage response, Expectation expect)
    {
        var problems = new List<string>();
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var excerpt = text.Length > 300 ? text[..300] + "…" : text;
        if (status >= 500)
        {
            problems.Add($"5xx: {status} {excerpt}");
            return problems;
        }

        if (status == 202)
        {
            if (expect is WholeBodyProblem whole)
            {
                problems.Add($"accepted what should be a {whole.Status} naming {whole.Field}: {excerpt}");
                return problems;
            }

            var answer = JsonNode.Parse(text)!;
            var accepted = answer["accepted"]!.GetValue<int>();
            var duplicates = answer["duplicates"]!.GetValue<int>();
            var rejected = answer["rejected"]!.AsArray().ToDictionary(r => r!["index"]!.GetValue<int>(), r => r!["error"]!.GetValue<string>());
            if (duplicates != 0)
                problems.Add($"{duplicates} duplicates where none were sent");
            if (expect is NothingAccepted)
            {
                if (accepted != 0)
                    problems.Add($"accepted {accepted} events from garbage: {excerpt}");
                return problems;
            }

            var batch = (BatchOutcome)expect;
            if (accepted != batch.Accepted)
                problems.Add($"accepted {accepted}, expected {batch.Accepted}");
            foreach (var (index, fields) in batch.Rejected)
            {
                if (!rejected.TryGetValue(index, out var error))
                    problems.Add($"bad event at index {index} (expected to name {string.Join(" or ", fields)}) was not rejected");
                else if (!fields.Any(f => Names(error, f)))
                    problems.Add($"rejection of index {index} names none of {string.Join(", ", fields)}: {error}");
            }

            foreach (var index in rejected.Keys.Except(batch.Rejected.Keys))
                problems.Add($"valid event at index {index} was rejected: {rejected[index]}");
            return problems;
        }

        // A whole-body refusal: 4xx problem+json naming a field.
        if (status is < 400 or >= 500)
            problems.Add($"status {status}: {excerpt}");
        if (response.Content.Headers.ContentType?.MediaType != Api.ProblemJson)
            problems.Add($"{status} is not problem+json but '{response.Content.Headers.ContentType}'");
        string? field = null;
        try
        {
            field = JsonNode.Parse(text)?["field"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            problems.Add($"{status} body is not JSON: {excerpt}");
        }

        if (string.IsNullOrEmpty(field))
            problems.Add($"{status} problem names no field: {excerpt}");
        switch (expect)
        {
            case WholeBodyProblem whole when whole.Status != status || (field is not null && whole.Field != field):
                problems.Add($"expected {whole.Status} naming '{whole.Field}', got {status} naming '{field}': {excerpt}");
                break;
            case BatchOutcome { ProblemAllowed: false } or NothingAccepted:
                problems.Add($"refused as a whole ({status}) where per-event rejections were expected: {excerpt}");
                break;
        }

        return problems;
    }

    /// <summary>True when <paramref name="error"/> (parts joined by "; ", each "path: message") names <paramref name="field"/>.</summary>
    private static bool Names(string error, string field) =>
        error.Split("; ").Any(part => part.StartsWith(field + ":", StringComparison.Ordinal)
            || part.StartsWith(field + ".", StringComparison.Ordinal) || part.StartsWith(field + "[", StringComparison.Ordinal));

    private static async Task CheckStoreAsync(HttpClient client, BarragePlan plan, ConcurrentQueue<(string, string)> violations)
    {
        var stored = Api.Ids(await Api.ReadTimelineAsync(client));
        var expected = plan.ValidIds.ToHashSet(StringComparer.Ordinal);
        var storedSet = stored.ToHashSet(StringComparer.Ordinal);
        var missing = expected.Except(storedSet).Order(StringComparer.Ordinal).ToList();
        var unexpected = storedSet.Except(expected).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            violations.Enqueue(("store", $"{missing.Count} of {expected.Count} valid events are missing from the timeline, e.g. {string.Join(", ", missing.Take(5))}"));
        if (unexpected.Count > 0)
            violations.Enqueue(("store", $"{unexpected.Count} events that were never valid are on the timeline, e.g. {string.Join(", ", unexpected.Take(5))}"));
        if (stored.Count != storedSet.Count)
            violations.Enqueue(("store", $"the timeline repeats events: {stored.Count} items, {storedSet.Count} distinct"));

        using var badLedger = await client.GetAsync($"/v1/devices/{BarragePlan.BadDevice}/ledger");
        if (badLedger.StatusCode != HttpStatusCode.NotFound)
            violations.Enqueue(("store", $"the ledger recorded events of {BarragePlan.BadDevice}: {await badLedger.Content.ReadAsStringAsync()}"));

        // Numbers that must never reach the samples: every numeric type counts exactly its valid events.
        foreach (var topic in TopicCatalogue.Ingestible.Where(t => t.Projection == StoreProjection.Sample))
        {
            var metrics = await Api.GetJsonAsync(client, $"/v1/metrics/{topic.EventType}?from=2026-02-28T00:00:00Z&to=2026-03-09T00:00:00Z&bucket=1d&agg=count");
            var count = metrics["buckets"]!.AsArray().Sum(b => b!["count"]!.GetValue<long>());
            if (count != plan.ValidByType.GetValueOrDefault(topic.EventType!))
                violations.Enqueue(("store", $"{topic.EventType}: {count} samples stored, {plan.ValidByType.GetValueOrDefault(topic.EventType!)} valid sent"));
        }
    }

    private static string Summarise(BarragePlan plan, IEnumerable<(string Category, string Detail)> violations, ServerFactory server, TimeSpan sendTime)
    {
        var lines = new List<string>
        {
            $"{plan.Requests.Count} requests carrying {plan.Malformed} malformed requests/events and {plan.ValidIds.Count} valid events, sent in {sendTime.TotalSeconds:F1}s:",
        };
        foreach (var group in violations.GroupBy(v => (v.Category, Kind: Kind(v.Detail))).OrderByDescending(g => g.Count()))
            lines.Add($"  {group.Count(),5} × [{group.Key.Category}] {group.First().Detail}");
        var logged = server.LoggedErrors.GroupBy(e => e.Length > 160 ? e[..160] : e).Select(g => $"  {g.Count(),5} × {g.Key}").Take(10);
        return string.Join(Environment.NewLine, lines.Concat(["server errors logged:", .. logged]));
    }

    // Groups violations by what went wrong, not by the exact numbers or bytes in them.
    private static string Kind(string detail) =>
        new(detail.TakeWhile(c => c != ':').Where(c => !char.IsDigit(c)).ToArray());
}
