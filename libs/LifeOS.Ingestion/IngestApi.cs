using LifeOS.Identity;
using LifeOS.Identity.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LifeOS.Ingestion;

/// <summary>REST ingestion of event batches (JSON array or NDJSON).</summary>
public static class IngestApi
{
    public static RouteGroupBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Ingestion").RequireAuthorization(Policies.Ingest);
        group.MapPost("/ingest", Ingest)
            .WithName("Ingest")
            .WithSummary("Appends a batch of events; answers 202 once they are durable, rejecting bad events by index.")
            .Accepts<IReadOnlyList<IngestEventDocument>>(
                "application/json", "application/x-ndjson", "application/ndjson", "application/jsonl", "application/cloudevents-batch+json")
            .DisableAntiforgery();
        return group;
    }

    private static async Task<Results<Accepted<IngestResult>, ProblemHttpResult>> Ingest(
        HttpContext context, IngestPipeline pipeline, IOptions<IngestionOptions> options)
    {
        var request = context.Request;
        var ndjson = EventBatchParser.IsNdjson(request.ContentType);
        if (!ndjson && !EventBatchParser.IsJson(request.ContentType))
        {
            return ApiProblems.Field("Content-Type",
                "must be application/json (an array of events) or application/x-ndjson (one event per line)", StatusCodes.Status415UnsupportedMediaType);
        }

        var limits = options.Value;
        var body = await BodyReader.ReadAsync(request, limits.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
            return ApiProblems.Field("body", $"must be at most {limits.MaxBodyBytes} bytes; split the batch", StatusCodes.Status413PayloadTooLarge);

        var caller = Caller.From(context.User);
        using var batch = ndjson
            ? EventBatchParser.ParseNdjson(body, caller, limits.MaxEventsPerRequest)
            : EventBatchParser.ParseJson(body, caller, limits.MaxEventsPerRequest);
        if (batch.BodyError is { } error)
            return ApiProblems.FromError(error, fallbackField: "event");

        try
        {
            var result = await pipeline.IngestAsync(caller.UserId, batch.Candidates, batch.Rejections, context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Accepted((string?)null, result);
        }
        catch (TimeoutException busy)
        {
            return ApiProblems.Busy(context, busy);
        }
    }
}

/// <summary>The shape of one event in an ingest batch (for the OpenAPI document).</summary>
public sealed record IngestEventDocument(string? Id, string Type, string Device, long Seq, DateTimeOffset Time, System.Text.Json.JsonElement Data);
