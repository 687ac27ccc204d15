using System.Net;

namespace LifeOS.Distributed.Tests;

/// <summary>The split services over Kafka, PostgreSQL and Redis answer exactly what the embedded server answers for the same input.</summary>
public sealed class SameAnswersTests(DistributedStack stack, ITestOutputHelper output) : IClassFixture<DistributedStack>
{
    private static readonly string[] Devices = ["watch-a", "phone-a", "ring-b"];

    [Fact(Timeout = 180_000)]
    public async Task A_multi_device_batch_reads_back_identically_through_the_timeline_metrics_and_ledger()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var random = new Random(20261122);
        var events = Devices.SelectMany((device, i) => TestEvents.Range(random, device, 1 + i * 100, 300)).ToList();
        // Out of order across devices, and one device with a hole, as real agents deliver.
        events = [.. events.OrderBy(_ => random.Next()).Where(e => !(e.Device == "ring-b" && e.Seq is > 240 and < 250))];
        var batches = events.Chunk(250).Select(chunk => TestEvents.ToJson(chunk)).ToList();

        var (ingest, read) = stack.CreateClients();
        using (ingest)
        using (read)
        {
            var split = new ServerApi(ingest, read);
            await IngestAllAsync(split, batches, cancellationToken);
            await split.WaitForZeroLagAsync(TimeSpan.FromSeconds(60), cancellationToken);

            using var data = new TempDirectory();
            await using var server = HostProcess.Create("services/LifeOS.Server", new Dictionary<string, string>
            {
                ["LifeOS__DataDir"] = data.Path,
                ["LifeOS__Auth__BootstrapToken"] = DistributedStack.Token,
            });
            await server.StartAsync(cancellationToken);
            using var embeddedHttp = ServerApi.CreateHttpClient(server.BaseAddress, DistributedStack.Token);
            var embedded = new ServerApi(embeddedHttp);
            await IngestAllAsync(embedded, batches, cancellationToken);
            await embedded.WaitForZeroLagAsync(TimeSpan.FromSeconds(60), cancellationToken);

            var from = Uri.EscapeDataString(TestEvents.Format(TestEvents.Epoch));
            var to = Uri.EscapeDataString(TestEvents.Format(TestEvents.Epoch.AddHours(1)));
            List<string> queries =
            [
                "v1/timeline?limit=1000",
                "v1/timeline?limit=37&device=phone-a",
                $"v1/timeline?limit=100&types={TestEvents.HeartRate}&from={from}&to={to}",
                $"v1/metrics/{TestEvents.HeartRate}?bucket=1m&agg=avg&from={from}&to={to}",
                $"v1/metrics/{TestEvents.HeartRate}?bucket=10s&agg=max&from={from}&to={to}",
                $"v1/metrics/{TestEvents.HeartRate}?bucket=1h&agg=count&from={from}&to={to}",
                .. Devices.Select(d => $"v1/devices/{d}/ledger"),
            ];

            var compared = 0;
            foreach (var query in queries)
            {
                // Follow cursors, so paging answers are compared too, page by page.
                string? next = query;
                while (next is not null)
                {
                    var expected = await GetAsync(embeddedHttp, next, cancellationToken);
                    var actual = await GetAsync(read, next, cancellationToken);
                    Assert.True(expected == actual, $"GET {next}\nembedded: {Clip(expected)}\nsplit:    {Clip(actual)}\n{stack.LogTails()}");
                    compared++;
                    next = NextPage(query, expected);
                }
            }

            output.WriteLine($"{events.Count} events on {Devices.Length} devices; {compared} answers identical");
        }
    }

    private static async Task IngestAllAsync(ServerApi api, List<string> batches, CancellationToken cancellationToken)
    {
        foreach (var batch in batches)
        {
            var response = await api.IngestAsync(batch, cancellationToken);
            Assert.True(response.Status == HttpStatusCode.Accepted, $"ingest answered {(int)response.Status}: {response.Body}");
        }
    }

    private static async Task<string> GetAsync(HttpClient http, string relative, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(relative, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return $"{(int)response.StatusCode} {body}";
    }

    private static string? NextPage(string query, string answer)
    {
        const string marker = "\"next\":\"";
        var at = answer.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
            return null;
        var start = at + marker.Length;
        var cursor = answer[start..answer.IndexOf('"', start)];
        var withoutCursor = query.Split("&cursor=")[0];
        return $"{withoutCursor}&cursor={Uri.EscapeDataString(cursor)}";
    }

    private static string Clip(string text) => text.Length <= 600 ? text : string.Concat(text.AsSpan(0, 600), "…");
}
