using System.Net;
using System.Text.Json;

namespace LifeOS.EndToEnd.Tests;

// The server's JSON as a client sees it; declared here, not referenced, so the tests stay black-box.

/// <summary>The 202 answer to <c>POST /v1/ingest</c>.</summary>
internal sealed record IngestAnswer(int Accepted, int Duplicates, IReadOnlyList<JsonElement> Rejected, IReadOnlyDictionary<string, DeviceHighSeq> Ledger);

internal sealed record DeviceHighSeq(long HighSeq);

/// <summary>The status and body of an ingest call that got an answer.</summary>
internal sealed record IngestResponse(HttpStatusCode Status, IngestAnswer? Answer, string Body);

internal sealed record TimelinePage(IReadOnlyList<StoredEvent> Items, string? Next);

/// <summary>One timeline item.</summary>
internal sealed record StoredEvent(string Id, string Type, string Device, long Seq, string Time, JsonElement Data);

/// <summary>A device's capture ledger.</summary>
internal sealed record LedgerView(string Device, long LowSeq, long HighSeq, long Received, IReadOnlyList<SeqGap> Gaps, bool GapsTruncated);

internal sealed record SeqGap(long From, long To);

internal sealed record PipelineView(IReadOnlyList<GroupLag> Groups);

internal sealed record GroupLag(string Group, long Lag);

internal sealed record MetricsView(string Type, IReadOnlyList<MetricBucket> Buckets);

internal sealed record MetricBucket(string Start, double Value, long Count);
