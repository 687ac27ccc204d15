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

public sealed record MetricBucket(DateTimeOffset Start, double Value, long Count);

public sealed record MediaRecord(string Sha256, string ContentType, long Size, string EventId, string Type, string Device, DateTimeOffset Time);
