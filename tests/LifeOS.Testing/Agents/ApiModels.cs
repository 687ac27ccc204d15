using System.Net;
using System.Text.Json;

namespace LifeOS.Testing.Agents;

// The server's JSON as a client sees it; declared here, not referenced, so the tests stay black-box.

/// <summary>The 202 answer to <c>POST /v1/ingest</c>.</summary>
public sealed record IngestAnswer(int Accepted, int Duplicates, IReadOnlyList<JsonElement> Rejected, IReadOnlyDictionary<string, DeviceHighSeq> Ledger);

public sealed record DeviceHighSeq(long HighSeq);

/// <summary>The status and body of an ingest call that got an answer.</summary>
public sealed record IngestResponse(HttpStatusCode Status, IngestAnswer? Answer, string Body);

public sealed record TimelinePage(IReadOnlyList<StoredEvent> Items, string? Next);

/// <summary>One timeline item.</summary>
public sealed record StoredEvent(string Id, string Type, string Device, long Seq, string Time, JsonElement Data);

/// <summary>A device's capture ledger.</summary>
public sealed record LedgerView(string Device, long LowSeq, long HighSeq, long Received, IReadOnlyList<SeqGap> Gaps, bool GapsTruncated);

public sealed record SeqGap(long From, long To);

public sealed record PipelineView(IReadOnlyList<GroupLag> Groups);

public sealed record GroupLag(string Group, long Lag);

public sealed record MetricsView(string Type, IReadOnlyList<MetricBucket> Buckets);

public sealed record MetricBucket(string Start, double Value, long Count);
