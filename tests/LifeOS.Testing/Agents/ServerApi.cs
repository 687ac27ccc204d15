using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LifeOS.Testing.Agents;

/// <summary>The few HTTP calls the black-box tests make, as an agent (to the ingestion endpoint) and as a reader of the stored data (to the query API).</summary>
/// <remarks>The embedded server answers both; in the split deployment they are two services.</remarks>
public sealed class ServerApi(HttpClient ingest, HttpClient read)
{
    public ServerApi(HttpClient http)
        : this(http, http)
    {
    }

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>A client that survives server restarts: short connect timeout, long request timeout, no stale pooled connections kept.</summary>
    public static HttpClient CreateHttpClient(Uri baseAddress, string token)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
        };
        // Long enough that only a kill, never an impatient client, leaves a request in doubt.
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Posts a JSON batch; throws when no answer arrives (the caller decides whether the batch is in doubt).</summary>
    public async Task<IngestResponse> IngestAsync(string batchJson, CancellationToken cancellationToken)
    {
        using var content = new StringContent(batchJson, Encoding.UTF8, "application/json");
        using var response = await ingest.PostAsync(new Uri("v1/ingest", UriKind.Relative), content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var answer = response.StatusCode == HttpStatusCode.Accepted ? JsonSerializer.Deserialize<IngestAnswer>(body, Json) : null;
        return new IngestResponse(response.StatusCode, answer, body);
    }

    /// <summary>Every timeline item (optionally of one device), following the cursor to the end.</summary>
    public async Task<List<StoredEvent>> ReadTimelineAsync(string? device, CancellationToken cancellationToken)
    {
        var items = new List<StoredEvent>();
        string? cursor = null;
        do
        {
            var query = "v1/timeline?limit=1000"
                + (device is null ? "" : "&device=" + Uri.EscapeDataString(device))
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await GetAsync<TimelinePage>(query, cancellationToken);
            items.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null);
        return items;
    }

    /// <summary>The device's ledger, or null when the server answers 404 (it never accepted anything from it).</summary>
    public async Task<LedgerView?> GetLedgerAsync(string device, CancellationToken cancellationToken)
    {
        using var response = await read.GetAsync(new Uri($"v1/devices/{Uri.EscapeDataString(device)}/ledger", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LedgerView>(Json, cancellationToken))!;
    }

    /// <summary>Events acknowledged but not yet in the store, summed over the pipeline's consumer groups.</summary>
    public async Task<long> GetLagAsync(CancellationToken cancellationToken) =>
        (await GetAsync<PipelineView>("v1/pipeline", cancellationToken)).Groups.Sum(g => g.Lag);

    public async Task WaitForZeroLagAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        long lag;
        while ((lag = await GetLagAsync(cancellationToken)) > 0)
        {
            if (waited.Elapsed > timeout)
                throw new TimeoutException($"The pipeline still lags {lag} events after {timeout.TotalSeconds:0} s.");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>How many samples of a numeric type the store holds between two times (one row per stored event).</summary>
    public async Task<long> CountSamplesAsync(string type, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var metrics = await GetAsync<MetricsView>(
            $"v1/metrics/{type}?agg=count&bucket=1d&from={Uri.EscapeDataString(TestEvents.Format(from))}&to={Uri.EscapeDataString(TestEvents.Format(to))}",
            cancellationToken);
        return metrics.Buckets.Sum(b => b.Count);
    }

    private async Task<T> GetAsync<T>(string relative, CancellationToken cancellationToken)
    {
        using var response = await read.GetAsync(new Uri(relative, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {relative} answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }
}
