using System.Runtime.CompilerServices;
using System.Text.Json;
using LifeOS.AI.Telemetry;
using Microsoft.Extensions.AI;

namespace LifeOS.AI.OpenAICompatible;

/// <summary>An <see cref="IChatClient"/> over <c>POST {endpoint}/chat/completions</c> of any OpenAI-compatible server,
/// buffered or streamed (server-sent events), with retries, timeouts and GenAI spans.</summary>
/// <remarks>Text conversations only: tool calls and non-text content are refused with a clear error rather than
/// dropped silently.</remarks>
public sealed class OpenAICompatibleChatClient : IChatClient
{
    private const string Path = "chat/completions";

    private readonly ModelEndpoint _endpoint;
    private readonly ModelHttpPipeline _pipeline;
    private readonly ChatClientMetadata _metadata;

    /// <summary>A client for <paramref name="endpoint"/>; an <paramref name="httpClient"/> given is used as is (its
    /// timeout should be infinite: the client applies <see cref="ModelEndpoint.Timeout"/> per attempt) and not disposed.</summary>
    public OpenAICompatibleChatClient(ModelEndpoint endpoint, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _pipeline = new ModelHttpPipeline(endpoint, httpClient);
        _metadata = new ChatClientMetadata(endpoint.Provider, endpoint.Endpoint, endpoint.Model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = BuildRequest(messages, options, stream: false);
        using var operation = StartOperation(request);
        try
        {
            using var response = await _pipeline.SendAsync(Path, request, WireJson.Default.ChatCompletionRequest, operation, streaming: false, cancellationToken).ConfigureAwait(false);
            var completion = await ModelHttpPipeline.ReadJsonAsync(response, WireJson.Default.ChatCompletionResponse, Path, cancellationToken).ConfigureAwait(false);
            var choice = completion.Choices?.OrderBy(c => c.Index).FirstOrDefault()
                ?? throw new ModelApiException(response.StatusCode, $"The model endpoint's answer to {Path} has no choices.");

            var result = new ChatResponse(new ChatMessage(ToRole(choice.Message?.Role), choice.Message?.Content))
            {
                ResponseId = completion.Id,
                ModelId = completion.Model ?? request.Model,
                CreatedAt = completion.Created is { } created ? DateTimeOffset.FromUnixTimeSeconds(created) : null,
                FinishReason = ToFinishReason(choice.FinishReason),
                Usage = ToUsage(completion.Usage),
                RawRepresentation = completion,
            };
            operation.Succeed(result.ModelId, completion.Usage?.PromptTokens, completion.Usage?.CompletionTokens,
                choice.FinishReason is null ? null : [choice.FinishReason], completion.Id);
            return result;
        }
        catch (Exception e)
        {
            operation.Fail(e);
            throw;
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = BuildRequest(messages, options, stream: true);
        using var operation = StartOperation(request);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.SendAsync(Path, request, WireJson.Default.ChatCompletionRequest, operation, streaming: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            operation.Fail(e);
            throw;
        }

        using (response)
        {
            string? model = null;
            string? responseId = null;
            WireUsage? usage = null;
            var finishReasons = new List<string>();
            var events = ServerSentEvents.ReadDataAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken);
            await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                ChatCompletionResponse chunk;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false) || enumerator.Current == "[DONE]")
                    {
                        break;
                    }
                    chunk = JsonSerializer.Deserialize(enumerator.Current, WireJson.Default.ChatCompletionResponse)
                        ?? throw new ModelApiException($"The model endpoint streamed an empty chunk for {Path}.");
                }
                catch (Exception e)
                {
                    var error = e is JsonException ? new ModelApiException($"The model endpoint streamed a chunk that is not the OpenAI wire format: {e.Message}", e) : e;
                    operation.Fail(error);
                    if (ReferenceEquals(error, e))
                    {
                        throw;
                    }
                    throw error;
                }

                model ??= chunk.Model;
                responseId ??= chunk.Id;
                usage = chunk.Usage ?? usage;
                foreach (var choice in chunk.Choices ?? [])
                {
                    if (choice.FinishReason is { } reason)
                    {
                        finishReasons.Add(reason);
                    }
                    yield return new ChatResponseUpdate(choice.Delta?.Role is { } role ? ToRole(role) : null, choice.Delta?.Content)
                    {
                        ResponseId = chunk.Id,
                        MessageId = chunk.Id,
                        ModelId = chunk.Model,
                        CreatedAt = chunk.Created is { } created ? DateTimeOffset.FromUnixTimeSeconds(created) : null,
                        FinishReason = ToFinishReason(choice.FinishReason),
                        RawRepresentation = chunk,
                    };
                }
                if (chunk.Usage is not null)
                {
                    // With stream_options.include_usage the last chunk carries usage and no choices.
                    yield return new ChatResponseUpdate(null, [new UsageContent(ToUsage(chunk.Usage)!)])
                    {
                        ResponseId = chunk.Id,
                        ModelId = chunk.Model,
                        RawRepresentation = chunk,
                    };
                }
            }
            operation.Succeed(model ?? request.Model, usage?.PromptTokens, usage?.CompletionTokens, finishReasons, responseId);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(ModelEndpoint) ? _endpoint
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose() => _pipeline.Dispose();

    private GenAiOperation StartOperation(ChatCompletionRequest request)
    {
        var operation = GenAiTelemetry.Start("chat", _endpoint.Provider, request.Model, _endpoint.Endpoint);
        operation.Activity?.SetTag(GenAiTags.RequestMaxTokens, request.MaxTokens);
        operation.Activity?.SetTag(GenAiTags.RequestTemperature, request.Temperature);
        return operation;
    }

    private ChatCompletionRequest BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (options?.Tools is { Count: > 0 })
        {
            throw new NotSupportedException("OpenAICompatibleChatClient does not do tool calling; remove ChatOptions.Tools.");
        }
        var wire = new List<WireMessage>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            wire.Add(new WireMessage("system", options.Instructions));
        }
        foreach (var message in messages)
        {
            foreach (var content in message.Contents.Where(content => content is not TextContent))
            {
                throw new NotSupportedException(
                    $"OpenAICompatibleChatClient sends text only; a {message.Role} message holds {content.GetType().Name}.");
            }
            wire.Add(new WireMessage(message.Role.Value, message.Text));
        }
        if (wire.Count == 0)
        {
            throw new ArgumentException("A chat request needs at least one message.", nameof(messages));
        }
        return new ChatCompletionRequest
        {
            Model = options?.ModelId ?? _endpoint.Model,
            Messages = wire,
            Temperature = options?.Temperature,
            MaxTokens = options?.MaxOutputTokens,
            TopP = options?.TopP,
            FrequencyPenalty = options?.FrequencyPenalty,
            PresencePenalty = options?.PresencePenalty,
            Seed = options?.Seed,
            Stop = options?.StopSequences is { Count: > 0 } stop ? stop.ToArray() : null,
            ResponseFormat = options?.ResponseFormat is ChatResponseFormatJson ? new WireResponseFormat("json_object") : null,
            Stream = stream ? true : null,
            StreamOptions = stream ? new WireStreamOptions(IncludeUsage: true) : null,
        };
    }

    private static ChatRole ToRole(string? role) => role is null or "" ? ChatRole.Assistant : new ChatRole(role);

    private static ChatFinishReason? ToFinishReason(string? reason) => reason switch
    {
        null => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    private static UsageDetails? ToUsage(WireUsage? usage) => usage is null
        ? null
        : new UsageDetails { InputTokenCount = usage.PromptTokens, OutputTokenCount = usage.CompletionTokens, TotalTokenCount = usage.TotalTokens };
}
