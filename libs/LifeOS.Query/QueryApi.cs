using LifeOS.Contracts;
using LifeOS.Eventing;
using LifeOS.Identity;
using LifeOS.Identity.Http;
using LifeOS.Identity.Sharing;
using LifeOS.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace LifeOS.Query;

/// <summary>The read side: timeline, metrics, capture ledger, media and pipeline lag. Each reads the caller's own data,
/// or with <c>?user=</c> another account's data within what that account shared with the caller.</summary>
public static class QueryApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const int MaxBuckets = 10_000;

    public static RouteGroupBuilder MapQueryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Query").RequireAuthorization(Policies.Query);
        group.MapGet("/timeline", GetTimeline).WithName("GetTimeline")
            .WithSummary("Events in time order, filtered by time range, types and device, cursor-paged.");
        group.MapGet("/metrics/{type}", GetMetrics).WithName("GetMetrics")
            .WithSummary("Aggregates a numeric type into time buckets (avg, min, max, sum or count).");
        group.MapGet("/devices/{device}/ledger", GetLedger).WithName("GetDeviceLedger")
            .WithSummary("The device's capture ledger: highest seq, events received and the gaps between, so missing data is never silent.");
        group.MapGet("/media/{sha256}", GetMedia).WithName("GetMedia")
            .WithSummary("Downloads a media blob that one of the caller's events references.");
        group.MapGet("/pipeline", GetPipeline).WithName("GetPipeline").RequireAuthorization(Policies.Operator)
            .WithSummary("Consumer lag of each pipeline stage over every account: events acknowledged but not yet processed. The operator's "
                + "(the bootstrap owner's) only, since the figures are the whole server's.");
        return group;
    }

    private static async Task<Results<Ok<TimelineResponse>, ProblemHttpResult>> GetTimeline(
        HttpContext context, ILifeStore store, string? from, string? to, string? types, string? device, string? limit, string? cursor)
    {
        // Every parameter is parsed; the first error is reported.
        var errors = new[]
        {
            QueryParameters.Time("from", from, QueryParameters.Earliest, out var start),
            QueryParameters.Time("to", to, QueryParameters.Latest, out var end),
            QueryParameters.Types(types, out var typeList),
            QueryParameters.Limit(limit, DefaultLimit, MaxLimit, out var pageSize),
        };
        var error = errors.FirstOrDefault(e => e is not null);
        TimelinePosition? after = null;
        if (error is null && cursor is not null && !Cursor.TryDecode(cursor, out after))
            error = "cursor: is not a cursor this API returned";
        if (error is null && device is { Length: > 128 })
            error = "device: must be at most 128 characters";
        if (error is not null)
            return ApiProblems.FromError(error);
        var (scope, denied) = await DataAccess.ResolveAsync(context).ConfigureAwait(false);
        if (denied is not null)
            return denied;

        // A share narrows what may be read; a cursor only moves within that, so it cannot reach past it either.
        (start, end) = scope!.Clamp(start, end);
        var allowedTypes = scope.Intersect(typeList);
        if (start >= end || allowedTypes is { Count: 0 })
            return TypedResults.Ok(new TimelineResponse([], null));

        var page = await store.GetTimelineAsync(
            new TimelineQuery(scope.UserId, start, end, allowedTypes, device, pageSize, after), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new TimelineResponse(
            [.. page.Items.Select(i => new TimelineItemResponse(i.Id, i.Type, i.Device, i.Seq, Timestamps.Format(i.Time), i.Data))],
            page.Next is null ? null : Cursor.Encode(page.Next)));
    }

    private static async Task<Results<Ok<MetricsResponse>, ProblemHttpResult>> GetMetrics(
        HttpContext context, ILifeStore store, [FromServices] IEnumerable<IDerivedSampleTypes> derived, string type, string? from, string? to,
        string? bucket, string? agg)
    {
        if (!MetricTypes.TryResolve(type, derived, out var unit, out var shareType))
            return ApiProblems.FromError($"type: '{(type.Length > 64 ? type[..64] : type)}' is not a numeric event type or journal sample type");

        var now = DateTimeOffset.UtcNow;
        var error = QueryParameters.Time("to", to, now, out var end);
        var fromError = QueryParameters.Time("from", from, end.AddDays(-7), out var start);
        error ??= fromError;
        var width = TimeSpan.FromHours(1);
        if (error is null && bucket is not null && !Buckets.TryParse(bucket, out width))
            error = "bucket: must be a count and a unit s, m, h, d or w, e.g. 15m or 1h, between 1s and 366d";
        var aggregateError = AggregateParameter.Parse(agg, out var aggregate);
        error ??= aggregateError;
        if (error is null && end <= start)
            error = "to: must be after from";
        if (error is null && (end - start) / width > MaxBuckets)
            error = $"bucket: the range would need more than {MaxBuckets} buckets; widen the bucket or narrow the range";
        if (error is not null)
            return ApiProblems.FromError(error);
        var (scope, denied) = await DataAccess.ResolveAsync(context).ConfigureAwait(false);
        if (denied is not null)
            return denied;

        // Buckets stay aligned to the requested range; only the samples read are cut to the share.
        var (readFrom, readTo) = scope!.Clamp(start, end);
        IReadOnlyList<MetricBucket> buckets = readFrom >= readTo || scope.Intersect([shareType]) is { Count: 0 }
            ? []
            : await store.GetMetricBucketsAsync(
                new MetricsQuery(scope.UserId, type, readFrom, readTo, width, aggregate), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new MetricsResponse(type, unit, [.. buckets.Select(b => new MetricBucketResponse(Timestamps.Format(b.Start), b.Value, b.Count))]));
    }

    private static async Task<Results<Ok<LedgerResponse>, ProblemHttpResult>> GetLedger(HttpContext context, IDeviceLedger ledger, string device)
    {
        // Routing decodes every escape in a segment except %2F; a device named "home/kitchen" arrives as "home%2Fkitchen".
        device = device.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var (scope, denied) = await DataAccess.ResolveAsync(context).ConfigureAwait(false);
        if (denied is not null)
            return denied;
        // The ledger counts every event of the device, whatever its type or time: only an unlimited share shows it.
        if (!scope!.Unrestricted)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "user: a share limited to types or times does not include capture ledgers",
                extensions: new Dictionary<string, object?> { ["field"] = DataAccess.UserParameter });
        var view = await ledger.GetAsync(scope.UserId, device, context.RequestAborted).ConfigureAwait(false);
        if (view is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "device: no events were received from this device");

        return TypedResults.Ok(new LedgerResponse(view.Device, view.LowSeq, view.HighSeq, view.Received, view.Gaps, view.GapsTruncated));
    }

    private static async Task<IResult> GetMedia(HttpContext context, ILifeStore store, IBlobStore blobs, string sha256)
    {
        var (scope, denied) = await DataAccess.ResolveAsync(context).ConfigureAwait(false);
        if (denied is not null)
            return denied;
        // Access comes from owning (or being shared) an event that references the blob; knowing a hash grants nothing.
        var record = FileBlobStore.IsSha256(sha256)
            ? await store.FindMediaAsync(scope!.UserId, sha256, context.RequestAborted).ConfigureAwait(false)
            : null;
        if (record is not null && !scope!.Allows(record.Type, record.Time))
            record = null;
        var stream = record is null ? null : await blobs.OpenReadAsync(sha256, context.RequestAborted).ConfigureAwait(false);
        if (stream is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "sha256: no media with this hash among your events");

        // Shown inline only as an image, audio or video type found in the bytes; anything else (an uploaded HTML page
        // labelled as a photo, say) is a download in the type it was uploaded with, so a browser never renders it here.
        var detected = await DetectAsync(stream, context.RequestAborted).ConfigureAwait(false);
        if (detected is null)
            return TypedResults.Stream(stream, record!.ContentType, fileDownloadName: sha256, enableRangeProcessing: true);

        context.Response.Headers.ContentDisposition = "inline";
        return TypedResults.Stream(stream, detected, enableRangeProcessing: true);
    }

    private static async Task<string?> DetectAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (!stream.CanSeek)
            return null;
        var head = new byte[MediaSignature.HeadLength];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        stream.Position = 0;
        return MediaSignature.Detect(head.AsSpan(0, read));
    }

    private static async Task<Ok<PipelineResponse>> GetPipeline(HttpContext context, IEventLog log, IEnumerable<ConsumerGroupInfo> groups)
    {
        var lags = new List<ConsumerGroupLag>();
        foreach (var group in groups)
            lags.Add(new ConsumerGroupLag(group.Group, await log.GetLagAsync(group.Group, group.Topics, context.RequestAborted).ConfigureAwait(false)));
        return TypedResults.Ok(new PipelineResponse(lags));
    }
}
