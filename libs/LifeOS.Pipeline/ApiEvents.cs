using System.Text.Json;
using LifeOS.Contracts;
using LifeOS.Eventing;

namespace LifeOS.Pipeline;

/// <summary>Appends events that a person submits through the API (a journal entry, a note, a link) to their raw topic.</summary>
/// <remarks>
/// These events come from no device, so they skip the capture ledger (which tracks device sequence gaps) and carry the
/// device <see cref="Device"/> with a sequence number from the clock: unique and increasing, as the store's keys need.
/// </remarks>
public sealed class ApiEvents(IEventLog log, TimeProvider clock)
{
    public const string Device = "lifeos-api";

    private long _lastSeq;

    /// <summary>Validates <paramref name="data"/> against the topic's schema and appends it; returns the event, or the first validation error.</summary>
    public async Task<(LifeEvent? Event, string? Error)> AppendAsync(
        string user, TopicDefinition topic, JsonElement data, DateTimeOffset? time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var errors = topic.Schema.Validate(data);
        if (errors.Count > 0)
            return (null, errors[0].StartsWith("data.", StringComparison.Ordinal) ? errors[0]["data.".Length..] : errors[0]);

        var now = clock.GetUtcNow();
        var e = new LifeEvent
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Type = topic.EventType!,
            Source = LifeEvent.SourceFor(Device),
            Time = time ?? now,
            Device = Device,
            Seq = NextSeq(now),
            User = user,
            Data = data,
        };
        // Not cancellable: once appending starts, the caller is told the outcome rather than left guessing.
        await log.AppendAsync([CloudEventCodec.Encode(e, topic)], CancellationToken.None).ConfigureAwait(false);
        return (e, null);
    }

    private long NextSeq(DateTimeOffset now)
    {
        var micros = Timestamps.ToUnixMicros(now);
        while (true)
        {
            var last = Interlocked.Read(ref _lastSeq);
            var next = Math.Max(micros, last + 1);
            if (Interlocked.CompareExchange(ref _lastSeq, next, last) == last)
                return next;
        }
    }
}
