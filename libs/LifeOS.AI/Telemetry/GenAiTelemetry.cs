using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LifeOS.AI.Telemetry;

/// <summary>Spans and metrics for model calls, following the OpenTelemetry GenAI semantic conventions: one client span
/// per operation ("chat gpt-4o-mini") with the model, token usage and latency, and the
/// <c>gen_ai.client.operation.duration</c> and <c>gen_ai.client.token.usage</c> histograms.</summary>
public static class GenAiTelemetry
{
    /// <summary>Name of the activity source and meter ("LifeOS.AI"); the service defaults listen to "LifeOS.*".</summary>
    public const string SourceName = "LifeOS.AI";

    /// <summary>The activity source every model client starts its spans on.</summary>
    public static readonly ActivitySource ActivitySource = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    private static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", unit: "s", description: "Duration of GenAI operations, retries included");

    private static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", unit: "{token}", description: "Tokens used by GenAI operations");

    /// <summary>Starts a client span for one operation; null when nobody listens.</summary>
    public static GenAiOperation Start(string operation, string provider, string model, Uri? server = null)
    {
        var activity = ActivitySource.StartActivity($"{operation} {model}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag(GenAiTags.OperationName, operation);
            activity.SetTag(GenAiTags.ProviderName, provider);
            activity.SetTag(GenAiTags.RequestModel, model);
            if (server is not null)
            {
                activity.SetTag(GenAiTags.ServerAddress, server.Host);
                activity.SetTag(GenAiTags.ServerPort, server.Port);
            }
        }
        return new GenAiOperation(activity, operation, provider, model, server);
    }

    internal static void Record(GenAiOperation operation, TimeSpan elapsed, string? responseModel, long? inputTokens, long? outputTokens, string? errorType)
    {
        var tags = new TagList
        {
            { GenAiTags.OperationName, operation.Operation },
            { GenAiTags.ProviderName, operation.Provider },
            { GenAiTags.RequestModel, operation.Model },
        };
        if (responseModel is not null)
        {
            tags.Add(GenAiTags.ResponseModel, responseModel);
        }
        if (operation.Server is not null)
        {
            tags.Add(GenAiTags.ServerAddress, operation.Server.Host);
        }
        if (errorType is not null)
        {
            tags.Add(GenAiTags.ErrorType, errorType);
        }
        OperationDuration.Record(elapsed.TotalSeconds, tags);
        if (inputTokens is { } input)
        {
            var inputTags = tags;
            inputTags.Add(GenAiTags.TokenType, "input");
            TokenUsage.Record(input, inputTags);
        }
        if (outputTokens is { } output)
        {
            var outputTags = tags;
            outputTags.Add(GenAiTags.TokenType, "output");
            TokenUsage.Record(output, outputTags);
        }
    }
}
