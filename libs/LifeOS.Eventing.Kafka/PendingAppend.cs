using System.Diagnostics;
using Confluent.Kafka;

namespace LifeOS.Eventing.Kafka;

/// <summary>One AppendAsync call in flight: completes when the brokers have acknowledged (or refused) every message.</summary>
internal sealed class PendingAppend
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _outstanding;
    private Exception? _failure;

    public PendingAppend(int count)
    {
        _outstanding = count;
        // One delegate per call, not per message: the producer invokes it on its delivery-report thread.
        OnDelivered = Delivered;
    }

    public Action<DeliveryReport<string, byte[]>> OnDelivered { get; }

    public Task Task => _done.Task;

    /// <summary>Messages that were never handed to the producer count as failed with <paramref name="error"/>.</summary>
    public void Abandon(int notSent, Exception error)
    {
        Interlocked.CompareExchange(ref _failure, error, null);
        Release(notSent);
    }

    private void Delivered(DeliveryReport<string, byte[]> report)
    {
        var topic = new KeyValuePair<string, object?>("messaging.destination.name", report.Topic);
        if (report.Error.IsError)
        {
            KafkaMetrics.ProduceErrors.Add(1, topic);
            Interlocked.CompareExchange(ref _failure, ToException(report), null);
        }
        else
        {
            KafkaMetrics.ProduceDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, topic);
        }

        Release(1);
    }

    private void Release(int count)
    {
        if (Interlocked.Add(ref _outstanding, -count) != 0)
            return;
        if (Volatile.Read(ref _failure) is { } failure)
            _done.TrySetException(failure);
        else
            _done.TrySetResult();
    }

    private static Exception ToException(DeliveryReport<string, byte[]> report)
    {
        var message = $"Kafka did not acknowledge a message for '{report.Topic}': {report.Error.Reason}";
        // A timeout is the brokers' unavailability, worth a retry later; anything else is about the message or the topic.
        return report.Error.Code == ErrorCode.Local_MsgTimedOut
            ? new TimeoutException(message, new KafkaException(report.Error))
            : new InvalidOperationException(message, new KafkaException(report.Error));
    }
}
