using System.Diagnostics;

namespace LifeOS.AI.Telemetry;

/// <summary>One model call being measured: its span (when sampled) and a stopwatch; ends with
/// <see cref="Succeed"/> or <see cref="Fail"/>, whichever comes first.</summary>
public sealed class GenAiOperation : IDisposable
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _ended;

    internal GenAiOperation(Activity? activity, string operation, string provider, string model, Uri? server)
    {
        Activity = activity;
        Operation = operation;
        Provider = provider;
        Model = model;
        Server = server;
    }

    /// <summary>The span, or null when no listener samples it.</summary>
    public Activity? Activity { get; }

    public string Operation { get; }

    public string Provider { get; }

    public string Model { get; }

    public Uri? Server { get; }

    /// <summary>Attempts beyond the first (set by the retry pipeline).</summary>
    public int Resends { get; set; }

    /// <summary>Records the result: response model, token usage, finish reasons; then ends the span.</summary>
    public void Succeed(string? responseModel, long? inputTokens, long? outputTokens, IEnumerable<string>? finishReasons = null, string? responseId = null)
    {
        if (_ended)
        {
            return;
        }
        _ended = true;
        var elapsed = Stopwatch.GetElapsedTime(_started);
        if (Activity is { } activity)
        {
            activity.SetTag(GenAiTags.ResponseModel, responseModel);
            activity.SetTag(GenAiTags.ResponseId, responseId);
            activity.SetTag(GenAiTags.InputTokens, inputTokens);
            activity.SetTag(GenAiTags.OutputTokens, outputTokens);
            if (finishReasons?.ToArray() is { Length: > 0 } reasons)
            {
                activity.SetTag(GenAiTags.FinishReasons, reasons);
            }
            End(activity, elapsed);
        }
        GenAiTelemetry.Record(this, elapsed, responseModel, inputTokens, outputTokens, errorType: null);
    }

    /// <summary>Records a failure (error.type is the exception's type, or the HTTP status for API errors) and ends the span.</summary>
    public void Fail(Exception error)
    {
        if (_ended)
        {
            return;
        }
        _ended = true;
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var errorType = error is ModelApiException api ? ((int)api.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : error.GetType().FullName;
        if (Activity is { } activity)
        {
            activity.SetTag(GenAiTags.ErrorType, errorType);
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
            End(activity, elapsed);
        }
        GenAiTelemetry.Record(this, elapsed, responseModel: null, inputTokens: null, outputTokens: null, errorType);
    }

    private void End(Activity activity, TimeSpan elapsed)
    {
        activity.SetTag(GenAiTags.LatencyMs, Math.Round(elapsed.TotalMilliseconds, 1));
        if (Resends > 0)
        {
            activity.SetTag(GenAiTags.ResendCount, Resends);
        }
        activity.Stop();
    }

    /// <summary>Ends the span without a result if neither <see cref="Succeed"/> nor <see cref="Fail"/> was called
    /// (an abandoned stream).</summary>
    public void Dispose()
    {
        if (!_ended)
        {
            Fail(new OperationCanceledException("The operation was abandoned before it completed."));
        }
    }
}
