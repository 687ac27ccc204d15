using System.Text.Json;
using LifeOS.Storage;

namespace LifeOS.Query;

public sealed record TimelineResponse(IReadOnlyList<TimelineItemResponse> Items, string? Next);

public sealed record TimelineItemResponse(string Id, string Type, string Device, long Seq, string Time, JsonElement Data);

public sealed record MetricsResponse(string Type, string? Unit, IReadOnlyList<MetricBucketResponse> Buckets);

public sealed record MetricBucketResponse(string Start, double Value, long Count);

public sealed record LedgerResponse(string Device, long LowSeq, long HighSeq, long Received, IReadOnlyList<SeqGap> Gaps, bool GapsTruncated);

public sealed record PipelineResponse(IReadOnlyList<ConsumerGroupLag> Groups);

public sealed record ConsumerGroupLag(string Group, long Lag);
