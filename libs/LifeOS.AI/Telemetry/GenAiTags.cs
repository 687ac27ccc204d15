namespace LifeOS.AI.Telemetry;

/// <summary>Attribute names from the OpenTelemetry GenAI semantic conventions, plus the LifeOS ones.</summary>
public static class GenAiTags
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string ResponseId = "gen_ai.response.id";
    public const string FinishReasons = "gen_ai.response.finish_reasons";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string RequestTemperature = "gen_ai.request.temperature";
    public const string EmbeddingsDimensionCount = "gen_ai.embeddings.dimension.count";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string ErrorType = "error.type";
    public const string ResendCount = "http.request.resend_count";

    /// <summary>Wall-clock latency of the whole operation, retries included, in milliseconds (the span's own duration
    /// says the same; this survives exporters that drop timings).</summary>
    public const string LatencyMs = "lifeos.gen_ai.latency_ms";

    /// <summary>Number of inputs in one embeddings call.</summary>
    public const string InputCount = "lifeos.gen_ai.input_count";
}
