using LifeOS.AI.Telemetry;
using Microsoft.Extensions.AI;

namespace LifeOS.AI.OpenAICompatible;

/// <summary>An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over <c>POST {endpoint}/embeddings</c> of any
/// OpenAI-compatible server, with retries, timeouts and GenAI spans.</summary>
public sealed class OpenAICompatibleEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const string Path = "embeddings";

    /// <summary>Inputs sent in one request; OpenAI accepts up to 2048, smaller servers fewer.</summary>
    public const int MaxInputsPerRequest = 256;

    private readonly ModelEndpoint _endpoint;
    private readonly ModelHttpPipeline _pipeline;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>A generator for <paramref name="endpoint"/>; an <paramref name="httpClient"/> given is used as is and
    /// not disposed.</summary>
    public OpenAICompatibleEmbeddingGenerator(ModelEndpoint endpoint, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _pipeline = new ModelHttpPipeline(endpoint, httpClient);
        _metadata = new EmbeddingGeneratorMetadata(endpoint.Provider, endpoint.Endpoint, endpoint.Model, endpoint.Dimensions);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.ToArray();
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is null)
            {
                throw new ArgumentException($"Input {i} is null; every input to embed must be a string.", nameof(values));
            }
        }
        var model = options?.ModelId ?? _endpoint.Model;
        var dimensions = options?.Dimensions ?? _endpoint.Dimensions;
        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Length);
        long? inputTokens = null;
        for (var offset = 0; offset < inputs.Length; offset += MaxInputsPerRequest)
        {
            var batch = inputs.AsSpan(offset, Math.Min(MaxInputsPerRequest, inputs.Length - offset)).ToArray();
            var (embeddings, tokens) = await GenerateBatchAsync(batch, model, dimensions, cancellationToken).ConfigureAwait(false);
            result.AddRange(embeddings);
            inputTokens = tokens is null ? inputTokens : (inputTokens ?? 0) + tokens;
        }
        result.Usage = new UsageDetails { InputTokenCount = inputTokens, TotalTokenCount = inputTokens };
        return result;
    }

    private async Task<(Embedding<float>[] Embeddings, long? InputTokens)> GenerateBatchAsync(
        string[] batch, string model, int? dimensions, CancellationToken cancellationToken)
    {
        var request = new EmbeddingsRequest { Model = model, Input = batch, Dimensions = dimensions };
        using var operation = GenAiTelemetry.Start("embeddings", _endpoint.Provider, model, _endpoint.Endpoint);
        operation.Activity?.SetTag(GenAiTags.InputCount, batch.Length);
        try
        {
            using var response = await _pipeline.SendAsync(Path, request, WireJson.Default.EmbeddingsRequest, operation, streaming: false, cancellationToken).ConfigureAwait(false);
            var answer = await ModelHttpPipeline.ReadJsonAsync(response, WireJson.Default.EmbeddingsResponse, Path, cancellationToken).ConfigureAwait(false);
            var data = answer.Data ?? [];
            // Results are matched to inputs by index, never by order of arrival.
            var embeddings = new Embedding<float>[batch.Length];
            foreach (var item in data)
            {
                if (item.Index < 0 || item.Index >= batch.Length || item.Embedding is null)
                {
                    throw new ModelApiException(response.StatusCode, $"The model endpoint returned an embedding with index {item.Index} for {batch.Length} input(s), or without a vector.");
                }
                embeddings[item.Index] = new Embedding<float>(item.Embedding)
                {
                    ModelId = answer.Model ?? model,
                    CreatedAt = DateTimeOffset.UtcNow,
                };
            }
            var missing = Array.FindIndex(embeddings, embedding => embedding is null);
            if (missing >= 0)
            {
                throw new ModelApiException(response.StatusCode, $"The model endpoint returned {data.Count} embedding(s) for {batch.Length} input(s); input {missing} has none.");
            }
            operation.Activity?.SetTag(GenAiTags.EmbeddingsDimensionCount, embeddings[0]?.Vector.Length);
            operation.Succeed(answer.Model ?? model, answer.Usage?.PromptTokens, outputTokens: null);
            return (embeddings, answer.Usage?.PromptTokens);
        }
        catch (Exception e)
        {
            operation.Fail(e);
            throw;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType == typeof(ModelEndpoint) ? _endpoint
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose() => _pipeline.Dispose();
}
