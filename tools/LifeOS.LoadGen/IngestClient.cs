using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace LifeOS.LoadGen;

/// <summary>The server's answer to one ingest request.</summary>
public sealed record IngestAck(
    int Accepted, int Duplicates, IReadOnlyList<RejectedEvent>? Rejected, IReadOnlyDictionary<string, LedgerEntry>? Ledger);

/// <summary>One event the server refused, by its index in the request.</summary>
public sealed record RejectedEvent(int Index, string? Error);

/// <summary>The highest seq the server holds for a device.</summary>
public sealed record LedgerEntry(long HighSeq);

/// <summary>How far one consumer group trails the log.</summary>
public sealed record PipelineGroup(string Group, long Lag);

/// <summary>The answer of <c>GET /v1/pipeline</c>.</summary>
public sealed record PipelineStatus(IReadOnlyList<PipelineGroup>? Groups)
{
    public long TotalLag => Groups?.Sum(g => g.Lag) ?? 0;
}

/// <summary>An ingest request the server refused, or never answered after retries.</summary>
public sealed class IngestFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Speaks the LifeOS HTTP API (ingest, pipeline, health) over one pooled connection set.</summary>
public sealed class IngestClient : IDisposable
{
    private const int MaxAttempts = 5;
    private static readonly JsonSerializerOptions JsonOptions = JsonSerializerOptions.Web;

    private readonly HttpClient _http;
    private int _retries;

    public IngestClient(Uri baseUrl, string token, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            // One connection per lane (plus one for pipeline polls), so no request queues behind another.
            MaxConnectionsPerServer = connections + 1,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _http = new HttpClient(handler) { BaseAddress = root, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Requests sent again after a 429/503, a timeout or a broken connection.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Posts one batch; retries transient failures, which is safe because events carry their ids.</summary>
    public async Task<IngestAck> IngestAsync(ReadOnlyMemory<byte> body, PayloadFormat format, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan delay;
            using (var content = new ReadOnlyMemoryContent(body))
            {
                content.Headers.ContentType = new MediaTypeHeaderValue(
                    format == PayloadFormat.Ndjson ? "application/x-ndjson" : "application/json");
                try
                {
                    using var response = await _http.PostAsync("v1/ingest", content, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        return await response.Content.ReadFromJsonAsync<IngestAck>(JsonOptions, cancellationToken)
                            ?? throw new IngestFailedException("POST /v1/ingest answered 202 with an empty body.");
                    }

                    if (!IsTransient(response.StatusCode) || attempt == MaxAttempts)
                    {
                        var text = await response.Content.ReadAsStringAsync(cancellationToken);
                        throw new IngestFailedException(
                            $"POST /v1/ingest answered {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(text)}");
                    }

                    delay = response.Headers.RetryAfter?.Delta ?? Backoff(attempt);
                }
                catch (HttpRequestException) when (attempt < MaxAttempts)
                {
                    delay = Backoff(attempt);
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && attempt < MaxAttempts)
                {
                    // HttpClient.Timeout surfaces as a cancellation that nobody asked for.
                    delay = Backoff(attempt);
                }
            }

            Interlocked.Increment(ref _retries);
            await Task.Delay(delay, cancellationToken);
        }
    }

    public async Task<PipelineStatus> GetPipelineAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("v1/pipeline", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"GET /v1/pipeline answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync(cancellationToken))}");
        }

        return await response.Content.ReadFromJsonAsync<PipelineStatus>(JsonOptions, cancellationToken)
            ?? new PipelineStatus([]);
    }

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync("health", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway
            or HttpStatusCode.GatewayTimeout;

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(100 * (1 << attempt));

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
