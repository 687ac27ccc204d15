using LifeOS.Contracts;
using LifeOS.Contracts.Payloads;
using LifeOS.Identity;
using LifeOS.Identity.Http;
using LifeOS.Identity.Sharing;
using LifeOS.Journal;
using LifeOS.Pipeline;
using LifeOS.Search;
using LifeOS.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LifeOS.Knowledge.Items;

/// <summary><c>/v1/knowledge</c>: submit a note (to <c>knowledge.item.ingest</c>), a link or PDF URL (to <c>task.url.ingest</c>) or an
/// uploaded image; list items with their processing state; read one with its chunks; delete one with its chunks and vectors.</summary>
public static class KnowledgeApi
{
    public static RouteGroupBuilder MapKnowledgeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/knowledge").WithTags("Knowledge");
        group.MapPost("", Submit).WithName("SubmitKnowledgeItem").RequireAuthorization(Policies.Write)
            .WithSummary("Submits a note {kind: note, text, format?}, a link or PDF {kind: link|pdf, url} or an image {kind: image, blob}; indexed in the background.");
        group.MapGet("", List).WithName("ListKnowledgeItems").RequireAuthorization(Policies.Query)
            .WithSummary("Items in [from, to), newest first, with status, extractor, embedding model and chunk count.");
        group.MapGet("/{id}", Get).WithName("GetKnowledgeItem").RequireAuthorization(Policies.Query)
            .WithSummary("One item with its chunks, each with its position and the model that embedded it.");
        group.MapDelete("/{id}", Delete).WithName("DeleteKnowledgeItem").RequireAuthorization(Policies.Manage)
            .WithSummary("Deletes an item with its chunks and vectors; a replay of the raw topic does not bring it back.");
        return group;
    }

    private static async Task<Results<Accepted<AcceptedItem>, ProblemHttpResult>> Submit(HttpContext context, ApiEvents events, ILifeStore lifeStore)
    {
        var (body, problem) = await JsonBody.ReadAsync<KnowledgeWriteRequest>(context, """{"kind": "note", "text": "# Idea\nSomething to remember", "format": "markdown"}""")
            .ConfigureAwait(false);
        if (problem is not null)
            return problem;
        var caller = Caller.From(context.User);
        DateTimeOffset? time = null;
        if (body!.Time is not null)
        {
            if (Timestamps.ParseEventTime(body.Time, out var parsed) is { } timeError)
                return ApiProblems.Field("time", timeError);
            time = parsed;
        }

        switch (body.Kind)
        {
            case "link" or "pdf":
                if (string.IsNullOrWhiteSpace(body.Url))
                    return ApiProblems.Field("url", $"is required for a {body.Kind}");
                // Checked here so a URL the step could never fetch is the caller's 400, not a failed item later.
                if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.UserInfo.Length > 0)
                    return ApiProblems.Field("url", "must be an absolute http or https URL without credentials");
                return await AppendAsync(events, caller, TopicCatalogue.UrlIngest,
                    new UrlSubmitted(body.Url, body.Kind == "pdf" ? "pdf" : "auto", body.Title, body.Text), time, context.RequestAborted).ConfigureAwait(false);
            case "note":
                if (string.IsNullOrWhiteSpace(body.Text))
                    return ApiProblems.Field("text", "is required for a note");
                return await AppendAsync(events, caller, TopicCatalogue.KnowledgeItem,
                    new KnowledgeItemSubmitted("note", body.Title, body.Text, body.Format ?? "plain", Tags: body.Tags), time, context.RequestAborted).ConfigureAwait(false);
            case "image":
                // Only an image the caller uploaded may be captioned: knowing a hash grants nothing.
                if (body.Blob is null || !FileBlobStore.IsSha256(body.Blob.Sha256)
                    || await lifeStore.FindMediaAsync(caller.UserId, body.Blob.Sha256, context.RequestAborted).ConfigureAwait(false) is null)
                    return ApiProblems.Field("blob", "must reference an image you uploaded ({sha256, size, contentType})");
                return await AppendAsync(events, caller, TopicCatalogue.KnowledgeItem,
                    new KnowledgeItemSubmitted("image", body.Title, Blob: body.Blob, Tags: body.Tags), time, context.RequestAborted).ConfigureAwait(false);
            default:
                return ApiProblems.Field("kind", "must be one of note, link, pdf, image");
        }
    }

    private static async Task<Results<Accepted<AcceptedItem>, ProblemHttpResult>> AppendAsync<T>(
        ApiEvents events, Caller caller, TopicDefinition topic, T payload, DateTimeOffset? time, CancellationToken cancellationToken)
    {
        var (e, error) = await events.AppendAsync(caller.UserId, topic, PayloadJson.Serialize(payload), time, cancellationToken).ConfigureAwait(false);
        return error is not null
            ? ApiProblems.FromError(error)
            : TypedResults.Accepted($"/v1/knowledge/{e!.Id}", new AcceptedItem(e.Id, topic.Name, Timestamps.Format(e.Time)));
    }

    private static async Task<Results<Ok<KnowledgeListResponse>, ProblemHttpResult>> List(
        HttpContext context, KnowledgeStore store, string? from, string? to, string? limit)
    {
        var errors = new[] { QueryParameters.Time("from", from, out var start), QueryParameters.Time("to", to, out var end),
            QueryParameters.Limit(limit, JournalApi.DefaultLimit, JournalApi.MaxLimit, out var size) };
        if (errors.FirstOrDefault(e => e is not null) is { } error)
            return ApiProblems.FromError(error);
        var (scope, denied) = await DataAccess.ResolveAsync(context).ConfigureAwait(false);
        if (denied is not null)
            return denied;
        var (readFrom, readTo) = scope!.Clamp(start ?? DateTimeOffset.UnixEpoch, end ?? new DateTimeOffset(2201, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var items = await store.ListAsync(scope.UserId, readFrom, readTo, size, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new KnowledgeListResponse([.. items.Where(i => scope.Allows(i.EventType, i.Time)).Select(i => KnowledgeItemResponse.Of(i, null))]));
    }

    private static async Task<Results<Ok<KnowledgeItemResponse>, ProblemHttpResult>> Get(HttpContext context, KnowledgeStore store, ITextIndex text, string id)
    {
        var (scope, denied) = await DataAccess.ResolveAsync(context).ConfigureAwait(false);
        if (denied is not null)
            return denied;
        var item = await store.GetAsync(scope!.UserId, id, context.RequestAborted).ConfigureAwait(false);
        if (item is null || !scope.Allows(item.EventType, item.Time))
            return ApiProblems.Field("id", "no processed knowledge item with this id (it may still be being processed)", StatusCodes.Status404NotFound);
        var chunks = await text.GetSourceAsync(scope.UserId, id, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(KnowledgeItemResponse.Of(item, chunks));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext context, KnowledgeStore store, SearchIndexer search, string id)
    {
        var caller = Caller.From(context.User);
        var removed = await store.DeleteAsync(caller.UserId, id, CancellationToken.None).ConfigureAwait(false);
        var chunks = await search.RemoveSourceAsync(caller.UserId, id, CancellationToken.None).ConfigureAwait(false);
        return removed || chunks > 0 ? TypedResults.NoContent() : ApiProblems.Field("id", "no knowledge item with this id", StatusCodes.Status404NotFound);
    }
}

/// <summary>The body of <c>POST /v1/knowledge</c>.</summary>
public sealed record KnowledgeWriteRequest(
    string? Kind, string? Title, string? Text, string? Format, string? Url, BlobReference? Blob, IReadOnlyList<string>? Tags, string? Time);

public sealed record AcceptedItem(string Id, string Topic, string Time);

public sealed record KnowledgeListResponse(IReadOnlyList<KnowledgeItemResponse> Items);

/// <summary>An item with its processing state and, when read alone, its chunks.</summary>
public sealed record KnowledgeItemResponse(
    string Id, string Kind, string SourceType, string Time, string? Title, string? Url, string? CanonicalUrl, string? ContentType, string Status, string? Reason,
    string? Extractor, string? Embedding, int Chunks, int Characters, IReadOnlyList<ChunkResponse>? ChunkList)
{
    public static KnowledgeItemResponse Of(KnowledgeRecord i, IReadOnlyList<TextChunk>? chunks)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.Id, i.Kind, i.EventType, Timestamps.Format(i.Time), i.Title, i.Url, i.CanonicalUrl, i.ContentType, i.Status, i.Reason, i.Extractor, i.Embedding,
            i.Chunks, i.Characters, chunks?.Select(c => new ChunkResponse(c.Id, c.Position, c.Text, c.Embedding)).ToList());
    }
}

public sealed record ChunkResponse(string Id, int Position, string Text, string? Embedding);
