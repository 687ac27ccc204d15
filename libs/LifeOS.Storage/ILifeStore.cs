using System.Text.Json;
using LifeOS.Contracts;

namespace LifeOS.Storage;

/// <summary>The store of persisted life data: every event on the timeline plus its typed projection (samples, locations, motion, media).</summary>
public interface ILifeStore
{
    /// <summary>Stores events idempotently: an event whose id or (device, seq) is already stored is skipped. Returns how many were new.</summary>
    Task<int> WriteAsync(IReadOnlyList<LifeEvent> events, CancellationToken cancellationToken = default);

    Task<TimelinePage> GetTimelineAsync(TimelineQuery query, CancellationToken cancellationToken = default);

    /// <summary>Aggregates numeric samples of one type into fixed buckets aligned to the Unix epoch.</summary>
    Task<IReadOnlyList<MetricBucket>> GetMetricBucketsAsync(MetricsQuery query, CancellationToken cancellationToken = default);

    /// <summary>Finds a user's reference to a blob, which is what grants that user access to the blob.</summary>
    Task<MediaRecord?> FindMediaAsync(string user, string sha256, CancellationToken cancellationToken = default);

    /// <summary>Replaces the samples derived from one source event (a journal entry's numeric facts) so metrics see them.</summary>
    /// <remarks>
    /// The samples the source had under <see cref="DerivedSamples.TypePrefix"/> go and the new ones come in, in one
    /// transaction: a replay or a re-parse by a newer model never duplicates them, and an empty list removes them. They are
    /// keyed by the source event's id, so erasing that event erases them too.
    /// </remarks>
    /// <exception cref="ArgumentException">A sample's type is outside the prefix, or two samples share a type and time.</exception>
    Task ReplaceDerivedSamplesAsync(DerivedSamples derived, CancellationToken cancellationToken = default);
}

/// <summary>A time window of one user's timeline, optionally filtered, continuing after <see cref="After"/>.</summary>
public sealed record TimelineQuery(
    string User,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyCollection<string>? Types,
    string? Device,
    int Limit,
    TimelinePosition? After);

/// <summary>Where a page ended: the sort key of its last item (time, then id).</summary>
public sealed record TimelinePosition(DateTimeOffset Time, string Id);

public sealed record TimelineItem(string Id, string Type, string Device, long Seq, DateTimeOffset Time, JsonElement Data);

public sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, TimelinePosition? Next);

public enum MetricAggregate
{
    Avg,
    Min,
    Max,
    Sum,
    Count,
}

public sealed record MetricsQuery(string User, string Type, DateTimeOffset From, DateTimeOffset To, TimeSpan Bucket, MetricAggregate Aggregate);

/// <summary>The samples one source event became: every type starts with <paramref name="TypePrefix"/> (e.g. <c>journal.</c>),
/// the namespace the source owns and a replacement clears.</summary>
/// <param name="Device">The device the source event came from, recorded like a sensor sample's.</param>
public sealed record DerivedSamples(string User, string SourceEventId, string Device, string TypePrefix, IReadOnlyList<DerivedSample> Samples)
{
    /// <summary>Throws on input no store could keep unambiguously; both stores call it before any I/O.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(User);
        ArgumentException.ThrowIfNullOrEmpty(SourceEventId);
        ArgumentException.ThrowIfNullOrEmpty(Device);
        if (string.IsNullOrEmpty(TypePrefix) || !TypePrefix.EndsWith('.'))
            throw new ArgumentException($"the type prefix '{TypePrefix}' must be a non-empty namespace ending in '.'", nameof(TypePrefix));
        ArgumentNullException.ThrowIfNull(Samples);
        var seen = new HashSet<(string, long)>();
        foreach (var sample in Samples)
        {
            if (sample.Type.Length <= TypePrefix.Length || !sample.Type.StartsWith(TypePrefix, StringComparison.Ordinal))
                throw new ArgumentException($"the sample type '{sample.Type}' is not under '{TypePrefix}'", nameof(Samples));
            if (!double.IsFinite(sample.Value))
                throw new ArgumentException($"the {sample.Type} sample at {Timestamps.Format(sample.Time)} is not a finite number", nameof(Samples));
            // One source, type and instant (to the microsecond the stores keep) identify a sample; two would be one row.
            if (!seen.Add((sample.Type, Timestamps.ToUnixMicros(sample.Time))))
                throw new ArgumentException($"two {sample.Type} samples at {Timestamps.Format(sample.Time)}: combine them first", nameof(Samples));
        }
    }

    /// <summary>The first type past the prefix's namespace in ordinal order: the prefix's types lie in [prefix, end).</summary>
    public string TypePrefixEnd => TypePrefix[..^1] + (char)(TypePrefix[^1] + 1);
}

/// <summary>One derived numeric sample.</summary>
public sealed record DerivedSample(string Type, DateTimeOffset Time, double Value);

public sealed record MetricBucket(DateTimeOffset Start, double Value, long Count);

public sealed record MediaRecord(string Sha256, string ContentType, long Size, string EventId, string Type, string Device, DateTimeOffset Time);
