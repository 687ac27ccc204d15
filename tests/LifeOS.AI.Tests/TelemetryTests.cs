using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using LifeOS.AI.OpenAICompatible;
using LifeOS.AI.Telemetry;
using Microsoft.Extensions.AI;

namespace LifeOS.AI.Tests;

/// <summary>GenAI spans and metrics. Listeners are process-wide, so each test uses its own model name and only looks
/// at what carries it.</summary>
public sealed class TelemetryTests : ServerTest, IDisposable
{
    private readonly string _model = $"model-{Guid.NewGuid():N}";
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener = new();

    public TelemetryTests()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GenAiTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem(GenAiTags.RequestModel) as string == _model)
                {
                    _spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GenAiTelemetry.SourceName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.Start();
    }

    [Fact]
    public async Task A_chat_call_is_one_client_span_with_model_tokens_and_latency()
    {
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint(_model));

        await client.GetResponseAsync("count these words", new ChatOptions { MaxOutputTokens = 100, Temperature = 0.5f }, Ct);

        var span = Assert.Single(_spans);
        Assert.Equal($"chat {_model}", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("chat", span.GetTagItem(GenAiTags.OperationName));
        Assert.Equal("openai", span.GetTagItem(GenAiTags.ProviderName));
        Assert.Equal(_model, span.GetTagItem(GenAiTags.ResponseModel));
        Assert.Equal(3L, span.GetTagItem(GenAiTags.InputTokens));
        Assert.Equal(5L, span.GetTagItem(GenAiTags.OutputTokens));
        Assert.Equal(100, span.GetTagItem(GenAiTags.RequestMaxTokens));
        Assert.Equal(new[] { "stop" }, span.GetTagItem(GenAiTags.FinishReasons));
        Assert.Equal("127.0.0.1", span.GetTagItem(GenAiTags.ServerAddress));
        Assert.True((double)span.GetTagItem(GenAiTags.LatencyMs)! > 0);
        Assert.True(span.Duration > TimeSpan.Zero);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);

        var durations = Measurements("gen_ai.client.operation.duration");
        Assert.Single(durations);
        Assert.True(durations[0].Value > 0);
        var tokens = Measurements("gen_ai.client.token.usage");
        Assert.Equal(3, tokens.Single(m => (string?)m.Tags[GenAiTags.TokenType] == "input").Value);
        Assert.Equal(5, tokens.Single(m => (string?)m.Tags[GenAiTags.TokenType] == "output").Value);
    }

    [Fact]
    public async Task A_retried_call_records_its_resends()
    {
        Server.Enqueue(Fault.WithStatus(503));
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint(_model));

        await client.GetResponseAsync("x", cancellationToken: Ct);

        Assert.Equal(1, Assert.Single(_spans).GetTagItem(GenAiTags.ResendCount));
    }

    [Fact]
    public async Task A_failed_call_marks_the_span_as_an_error_with_its_status()
    {
        Server.Enqueue(Fault.WithStatus(400, message: "bad request"));
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint(_model));

        await Assert.ThrowsAsync<ModelApiException>(() => client.GetResponseAsync("x", cancellationToken: Ct));

        var span = Assert.Single(_spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("400", span.GetTagItem(GenAiTags.ErrorType));
        Assert.Equal("400", Measurements("gen_ai.client.operation.duration").Single().Tags[GenAiTags.ErrorType]);
    }

    [Fact]
    public async Task A_streamed_chat_span_ends_with_the_usage_of_the_last_chunk()
    {
        using var client = new OpenAICompatibleChatClient(Server.ClientEndpoint(_model));

        await foreach (var _ in client.GetStreamingResponseAsync("two words", cancellationToken: Ct))
        {
        }

        var span = Assert.Single(_spans);
        Assert.Equal(2L, span.GetTagItem(GenAiTags.InputTokens));
        Assert.Equal(4L, span.GetTagItem(GenAiTags.OutputTokens));
    }

    [Fact]
    public async Task An_embeddings_call_is_a_span_with_input_tokens_and_dimensions()
    {
        using var generator = new OpenAICompatibleEmbeddingGenerator(Server.ClientEndpoint(_model));

        await generator.GenerateAsync(["one two", "three"], cancellationToken: Ct);

        var span = Assert.Single(_spans);
        Assert.Equal($"embeddings {_model}", span.DisplayName);
        Assert.Equal("embeddings", span.GetTagItem(GenAiTags.OperationName));
        Assert.Equal(3L, span.GetTagItem(GenAiTags.InputTokens));
        Assert.Equal(OpenAIWireServer.DefaultDimensions, span.GetTagItem(GenAiTags.EmbeddingsDimensionCount));
        Assert.Equal(2, span.GetTagItem(GenAiTags.InputCount));
    }

    private List<(string Name, double Value, Dictionary<string, object?> Tags)> Measurements(string name) =>
        _measurements.Where(m => m.Name == name).ToList();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dictionary = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            dictionary[tag.Key] = tag.Value;
        }
        if (dictionary.GetValueOrDefault(GenAiTags.RequestModel) as string == _model)
        {
            _measurements.Enqueue((instrument.Name, value, dictionary));
        }
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }
}
