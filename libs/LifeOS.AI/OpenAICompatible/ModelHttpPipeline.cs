using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LifeOS.AI.Telemetry;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace LifeOS.AI.OpenAICompatible;

/// <summary>Sends one JSON request to an OpenAI-compatible endpoint with a per-attempt timeout and retries (408, 429,
/// 5xx, connection failures, timeouts; a Retry-After header sets the wait), and turns error answers into
/// <see cref="ModelApiException"/>s carrying the server's message.</summary>
internal sealed class ModelHttpPipeline : IDisposable
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(500);

    private readonly ModelEndpoint _endpoint;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public ModelHttpPipeline(ModelEndpoint endpoint, HttpClient? httpClient)
    {
        _endpoint = endpoint;
        _ownsHttp = httpClient is null;
        // The pipeline owns timeouts; HttpClient's own would cut a retried call short.
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (endpoint.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = endpoint.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = BaseDelay,
                MaxDelay = endpoint.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RequestedWait(args.Outcome.Result) is { } wait ? (TimeSpan?)(wait < TimeSpan.Zero ? TimeSpan.Zero : wait) : null),
                OnRetry = args =>
                {
                    // The failed answer is not returned to anyone: free its connection now.
                    args.Outcome.Result?.Dispose();
                    if (args.Context.Properties.TryGetValue(OperationKey, out var operation))
                    {
                        operation.Resends = args.AttemptNumber + 1;
                    }
                    return ValueTask.CompletedTask;
                },
            });
        }
        _pipeline = builder.AddTimeout(endpoint.Timeout).Build();
    }

    private static readonly ResiliencePropertyKey<GenAiOperation> OperationKey = new("lifeos.gen_ai.operation");

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> (relative to the endpoint) and returns the
    /// successful response; with <paramref name="streaming"/> only the headers have been read when it returns.</summary>
    public async Task<HttpResponseMessage> SendAsync<TRequest>(
        string path, TRequest body, JsonTypeInfo<TRequest> typeInfo, GenAiOperation operation, bool streaming, CancellationToken cancellationToken)
    {
        var uri = new Uri(_endpoint.Endpoint, path);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OperationKey, operation);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, state.uri)
                    {
                        Content = JsonContent.Create(state.body, state.typeInfo),
                    };
                    if (state.key is not null)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", state.key);
                    }
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(state.streaming ? "text/event-stream" : "application/json"));
                    // A buffered answer is read inside the attempt, so the attempt's timeout covers the body too.
                    return await state.http.SendAsync(
                        request,
                        state.streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
                        ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (uri, body, typeInfo, key: _endpoint.ApiKey, streaming, http: _http)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException e)
        {
            throw new TimeoutException(
                $"The model endpoint {_endpoint.Endpoint} did not answer {path} within {_endpoint.Timeout.TotalSeconds:0.###} s "
                + $"({operation.Resends + 1} attempt(s)).", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ToExceptionAsync(response, path, cancellationToken).ConfigureAwait(false);
            }
        }
        return response;
    }

    /// <summary>Reads a JSON answer, failing clearly when it is not the expected shape.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false)
                ?? throw new ModelApiException(response.StatusCode, $"The model endpoint answered {path} with an empty body.");
        }
        catch (JsonException e)
        {
            throw new ModelApiException($"The model endpoint's answer to {path} is not the OpenAI wire format: {e.Message}", e);
        }
    }

    // A server that asks for a longer wait than MaxRetryDelay gets its error passed on rather than a retry too soon.
    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => IsTransient(response.StatusCode) && !(RequestedWait(response) > _endpoint.MaxRetryDelay),
        _ => false,
    };

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    // Retry-After as seconds or an HTTP date; null falls back to exponential backoff with jitter.
    private static TimeSpan? RequestedWait(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        return header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
    }

    private async Task<ModelApiException> ToExceptionAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? message = null;
        string? code = null;
        try
        {
            var envelope = JsonSerializer.Deserialize(text, WireJson.Default.WireErrorEnvelope);
            message = envelope?.Error?.Message;
            code = envelope?.Error?.Code?.ToString() ?? envelope?.Error?.Type;
        }
        catch (JsonException)
        {
            // Not the OpenAI error shape (a proxy's HTML page, plain text): the raw text says more than nothing.
        }
        message ??= text.Length > 500 ? text[..500] + "…" : text;
        return new ModelApiException(
            response.StatusCode,
            $"The model endpoint answered {path} for model '{_endpoint.Model}' with {(int)response.StatusCode} {response.ReasonPhrase}: {message}",
            code);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
