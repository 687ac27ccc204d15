using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LifeOS.AI.Tests;

/// <summary>A local HTTP server speaking the OpenAI REST wire format for <c>/v1/chat/completions</c> (JSON and
/// server-sent events) and <c>/v1/embeddings</c> (float and base64), with OpenAI's error envelope. Its answers are
/// computed from the request (an echo, a hashed bag of words) so tests can check them; faults can be scripted per
/// request (a status with Retry-After, a delay, a malformed body) and every request is recorded.</summary>
internal sealed class OpenAIWireServer : IAsyncDisposable
{
    public const string ApiKey = "test-key";
    public const int DefaultDimensions = 16;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Fault> _faults = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private OpenAIWireServer(WebApplication app) => _app = app;

    /// <summary>Base URL including /v1/.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Every request received, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<OpenAIWireServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new OpenAIWireServer(app);
        app.MapPost("/v1/chat/completions", server.ChatAsync);
        app.MapPost("/v1/embeddings", server.EmbeddingsAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/v1/");
        return server;
    }

    /// <summary>The next request gets this fault instead of (or before) its answer.</summary>
    public void Enqueue(Fault fault) => _faults.Enqueue(fault);

    /// <summary>An endpoint for the clients, with test defaults: short timeout, quick retries.</summary>
    public ModelEndpoint ClientEndpoint(string model = "test-model", int maxRetries = 3, double timeoutSeconds = 10) => new()
    {
        Endpoint = Endpoint,
        ApiKey = ApiKey,
        Model = model,
        MaxRetries = maxRetries,
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        MaxRetryDelay = TimeSpan.FromSeconds(5),
        Provider = "openai",
    };

    private async Task ChatAsync(HttpContext context)
    {
        if (await BeginAsync(context) is not { } body)
        {
            return;
        }
        if (body["model"]?.GetValue<string>() is not { Length: > 0 } model || body["messages"] is not JsonArray { Count: > 0 } messages)
        {
            await ErrorAsync(context, 400, "'model' and a non-empty 'messages' are required.", "invalid_request_error");
            return;
        }
        var lastUser = messages.LastOrDefault(m => m?["role"]?.GetValue<string>() == "user")?["content"]?.GetValue<string>() ?? "";
        var words = ("You said: " + lastUser).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var finish = "stop";
        if (body["max_tokens"]?.GetValue<int>() is { } maxTokens && maxTokens < words.Length)
        {
            words = words[..maxTokens];
            finish = "length";
        }
        var promptTokens = messages.Sum(m => CountWords(m?["content"]?.GetValue<string>()));
        var usage = new JsonObject { ["prompt_tokens"] = promptTokens, ["completion_tokens"] = words.Length, ["total_tokens"] = promptTokens + words.Length };
        var id = $"chatcmpl-{Requests.Count}";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        if (body["stream"]?.GetValue<bool>() == true)
        {
            context.Response.ContentType = "text/event-stream";
            async Task Send(JsonObject chunk) => await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n");
            JsonObject Chunk(JsonObject delta, string? finishReason) => new()
            {
                ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = created, ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
            };
            await Send(Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
            for (var i = 0; i < words.Length; i++)
            {
                await Send(Chunk(new JsonObject { ["content"] = (i == 0 ? "" : " ") + words[i] }, null));
                await context.Response.Body.FlushAsync();
            }
            await Send(Chunk(new JsonObject(), finish));
            if (body["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
            {
                await Send(new JsonObject { ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = created, ["model"] = model, ["choices"] = new JsonArray(), ["usage"] = usage });
            }
            await context.Response.WriteAsync("data: [DONE]\n\n");
            return;
        }

        await JsonAsync(context, new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = created,
            ["model"] = model,
            ["system_fingerprint"] = "fp_test",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Join(' ', words), ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = finish,
            }),
            ["usage"] = usage,
        });
    }

    private async Task EmbeddingsAsync(HttpContext context)
    {
        if (await BeginAsync(context) is not { } body)
        {
            return;
        }
        string[] inputs = body["input"] switch
        {
            JsonArray array => array.Select(item => item?.GetValue<string>() ?? "").ToArray(),
            JsonValue value when value.TryGetValue<string>(out var single) => [single],
            _ => [],
        };
        if (body["model"]?.GetValue<string>() is not { Length: > 0 } model || inputs.Length == 0)
        {
            await ErrorAsync(context, 400, "'model' and a non-empty 'input' are required.", "invalid_request_error");
            return;
        }
        var dimensions = body["dimensions"]?.GetValue<int>() ?? DefaultDimensions;
        var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        // Listed last input first: a client must match embeddings to inputs by index.
        for (var i = inputs.Length - 1; i >= 0; i--)
        {
            var vector = BagOfWords(inputs[i], dimensions);
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan())))
                : new JsonArray(vector.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }
        var tokens = inputs.Sum(CountWords);
        await JsonAsync(context, new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        });
    }

    /// <summary>The vector this server gives a text: word counts hashed into buckets, normalised.</summary>
    public static float[] BagOfWords(string text, int dimensions = DefaultDimensions)
    {
        var vector = new float[dimensions];
        foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = 17;
            foreach (var c in word)
            {
                hash = unchecked(hash * 31 + c);
            }
            vector[(hash & int.MaxValue) % dimensions] += 1;
        }
        var length = MathF.Sqrt(vector.Sum(v => v * v));
        return length == 0 ? vector : vector.Select(v => v / length).ToArray();
    }

    // Records the request, checks the key, applies any scripted fault; null when the answer has been given already.
    private async Task<JsonNode?> BeginAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        Requests.Enqueue(new RecordedRequest(context.Request.Path, text, context.Request.Headers.Authorization.ToString(), context.Request.Headers.Accept.ToString(), _clock.Elapsed));
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {ApiKey}")
        {
            await ErrorAsync(context, 401, "Incorrect API key provided.", "invalid_api_key");
            return null;
        }
        if (_faults.TryDequeue(out var fault))
        {
            if (fault.Delay is { } delay)
            {
                try
                {
                    await Task.Delay(delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
            if (fault.Status is { } status)
            {
                if (fault.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = retryAfter;
                }
                await ErrorAsync(context, status, fault.Message ?? $"scripted {status}", status == 429 ? "rate_limit_exceeded" : "server_error");
                return null;
            }
            if (fault.MalformedBody)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"choices\": [ this is not json");
                return null;
            }
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            await ErrorAsync(context, 400, $"We could not parse the JSON body of your request: {e.Message}", "invalid_request_error");
            return null;
        }
    }

    private static int CountWords(string? text) => text?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;

    private static Task JsonAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task ErrorAsync(HttpContext context, int status, string message, string code)
    {
        context.Response.StatusCode = status;
        return JsonAsync(context, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = code, ["param"] = null, ["code"] = code },
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A request as the server saw it.</summary>
internal sealed record RecordedRequest(string Path, string Body, string Authorization, string Accept, TimeSpan ArrivedAt)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
}

/// <summary>What the server does to one request instead of answering it normally.</summary>
internal sealed record Fault(int? Status = null, string? RetryAfter = null, TimeSpan? Delay = null, bool MalformedBody = false, string? Message = null)
{
    public static Fault WithStatus(int status, string? retryAfter = null, string? message = null) => new(status, retryAfter, Message: message);

    public static Fault Slow(TimeSpan delay) => new(Delay: delay);

    public static Fault Malformed() => new(MalformedBody: true);
}
