using System.Text.Json.Serialization;

namespace LifeOS.AI.OpenAICompatible;

// The OpenAI REST wire format for chat completions and embeddings: only the fields this client sends or reads.
// Every OpenAI-compatible server (Gemini's OpenAI endpoint, Ollama, vLLM, llama.cpp) speaks this subset.

internal sealed record ChatCompletionRequest
{
    public required string Model { get; init; }
    public required IReadOnlyList<WireMessage> Messages { get; init; }
    public float? Temperature { get; init; }
    public int? MaxTokens { get; init; }
    public float? TopP { get; init; }
    public float? FrequencyPenalty { get; init; }
    public float? PresencePenalty { get; init; }
    public long? Seed { get; init; }
    public IReadOnlyList<string>? Stop { get; init; }
    public WireResponseFormat? ResponseFormat { get; init; }
    public bool? Stream { get; init; }
    public WireStreamOptions? StreamOptions { get; init; }
}

internal sealed record WireMessage(string Role, string? Content);

internal sealed record WireResponseFormat(string Type);

internal sealed record WireStreamOptions(bool IncludeUsage);

internal sealed record ChatCompletionResponse
{
    public string? Id { get; init; }
    public long? Created { get; init; }
    public string? Model { get; init; }
    public IReadOnlyList<WireChoice>? Choices { get; init; }
    public WireUsage? Usage { get; init; }
}

internal sealed record WireChoice
{
    public int Index { get; init; }
    public WireMessage? Message { get; init; }
    public WireMessage? Delta { get; init; }
    public string? FinishReason { get; init; }
}

internal sealed record WireUsage
{
    public long? PromptTokens { get; init; }
    public long? CompletionTokens { get; init; }
    public long? TotalTokens { get; init; }
}

internal sealed record EmbeddingsRequest
{
    public required string Model { get; init; }
    public required IReadOnlyList<string> Input { get; init; }
    public string EncodingFormat { get; init; } = "float";
    public int? Dimensions { get; init; }
}

internal sealed record EmbeddingsResponse
{
    public IReadOnlyList<WireEmbedding>? Data { get; init; }
    public string? Model { get; init; }
    public WireUsage? Usage { get; init; }
}

internal sealed record WireEmbedding
{
    public int Index { get; init; }
    public float[]? Embedding { get; init; }
}

internal sealed record WireErrorEnvelope(WireError? Error);

internal sealed record WireError
{
    public string? Message { get; init; }
    public string? Type { get; init; }
    public object? Code { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(EmbeddingsRequest))]
[JsonSerializable(typeof(EmbeddingsResponse))]
[JsonSerializable(typeof(WireErrorEnvelope))]
internal sealed partial class WireJson : JsonSerializerContext;
