using System.Text.Json;
using System.Text.Json.Nodes;
using LifeOS.Contracts.Payloads;
using LifeOS.Identity;
using LifeOS.Identity.Http;
using LifeOS.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LifeOS.Ingestion;

/// <summary>Uploads of images, screenshots, screen keyframes and audio files: bytes to the blob store, a reference to the log.</summary>
public static class MediaApi
{
    public static RouteGroupBuilder MapMediaUploadApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Ingestion").RequireAuthorization(Policies.Ingest);
        group.MapPost("/media", Upload)
            .WithName("UploadMedia")
            .WithSummary("Stores a media file once (content-addressed) and appends its event with the blob reference.")
            .Accepts<MediaUploadForm>("multipart/form-data")
            .DisableAntiforgery();
        return group;
    }

    private static async Task<Results<Accepted<MediaAccepted>, ProblemHttpResult>> Upload(
        HttpContext context, IngestPipeline pipeline, IBlobStore blobs, IOptions<IngestionOptions> options)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
            return ApiProblems.Field("Content-Type", "must be multipart/form-data with a 'file' part", StatusCodes.Status415UnsupportedMediaType);

        var limit = options.Value.MaxMediaBytes;
        if (request.ContentLength > limit)
            return ApiProblems.Field("file", $"must be at most {limit} bytes", StatusCodes.Status413PayloadTooLarge);

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return ApiProblems.Field("body", "not a readable multipart/form-data body");
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
            return ApiProblems.Field("file", "is required and must not be empty");
        if (file.Length > limit)
            return ApiProblems.Field("file", $"must be at most {limit} bytes", StatusCodes.Status413PayloadTooLarge);

        JsonObject data;
        try
        {
            data = form["data"].ToString() is { Length: > 0 } json
                ? JsonNode.Parse(json, null, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 32 }) as JsonObject ?? throw new JsonException()
                : [];
            _ = data.ToJsonString();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return ApiProblems.Field("data", "must be a JSON object of the type's other fields, each key once");
        }

        var fields = new MediaEventFields(
            Text(form, "type"), Text(form, "device"), SeqNode(Text(form, "seq")), Text(form, "time"), Text(form, "id"), data);
        var contentType = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType;
        var caller = Caller.From(context.User);
        if (MediaEvent.Precheck(fields, contentType, caller) is { } invalid)
            return ApiProblems.FromError(invalid, fallbackField: "event");

        BlobReference blob;
        await using (var stream = file.OpenReadStream())
            blob = await blobs.PutAsync(stream, contentType, limit, context.RequestAborted).ConfigureAwait(false);

        var (candidate, document, error) = MediaEvent.Complete(fields, blob, caller);
        using (document)
        {
            if (candidate is null)
                return ApiProblems.FromError(error!, fallbackField: "event");

            try
            {
                var result = await pipeline.IngestAsync(caller.UserId, [candidate], [], context.RequestAborted).ConfigureAwait(false);
                return TypedResults.Accepted((string?)null, new MediaAccepted(result.Accepted, result.Duplicates, result.Ledger, candidate.Event.Id, blob));
            }
            catch (TimeoutException busy)
            {
                return ApiProblems.Busy(context, busy);
            }
        }
    }

    private static string? Text(IFormCollection form, string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;

    // Form fields are text; the validator expects seq as a JSON number, so a numeric string becomes one.
    private static JsonNode? SeqNode(string? text) =>
        long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seq)
            ? JsonValue.Create(seq)
            : text is null ? null : JsonValue.Create(text);
}

/// <summary>The multipart fields of a media upload (for the OpenAPI document).</summary>
public sealed record MediaUploadForm(string Type, string Device, long Seq, string Time, string? Id, string? Data, IFormFile File);

/// <summary>The answer to a media upload: the ingest outcome plus the event id and blob reference.</summary>
public sealed record MediaAccepted(
    int Accepted, int Duplicates, IReadOnlyDictionary<string, DeviceHighSeq> Ledger, string EventId, BlobReference Blob);
