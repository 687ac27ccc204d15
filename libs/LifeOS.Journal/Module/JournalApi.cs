using System.Globalization;
using LifeOS.Contracts;
using LifeOS.Contracts.Payloads;
using LifeOS.Identity;
using LifeOS.Identity.Http;
using LifeOS.Identity.Sharing;
using LifeOS.Pipeline;
using LifeOS.Search;
using LifeOS.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Journal;

/// <summary><c>/v1/journal</c>: write an entry (it goes to <c>journal.entry.raw</c> and is parsed by the journal step), list
/// entries with their facts, read one, delete one (with its facts, samples, chunks and vectors), read journal samples.</summary>
public static class JournalApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapJournalApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/journal").WithTags("Journal");
        group.MapPost("", Write).WithName("WriteJournalEntry").RequireAuthorization(Policies.Write)
            .WithSummary("Stores a journal entry {text, time?, title?, tags?}; it is parsed into facts in the background.");
        group.MapGet("", List).WithName("ListJournalEntries").RequireAuthorization(Policies.Query)
            .WithSummary("Parsed entries in [from, to), newest first, each with its facts (explicit, inferred, missing).");
        group.MapGet("/samples", Samples).WithName("GetJournalSamples").RequireAuthorization(Policies.Query)
            .WithSummary("The samples numeric facts became (journal.mood.score, journal.sleep.duration, ...) in [from, to).");
        group.MapGet("/{id}", Get).WithName("GetJournalEntry").RequireAuthorization(Policies.Query)
            .WithSummary("One parsed entry with its facts.");
        group.MapDelete("/{id}", Delete).WithName("DeleteJournalEntry").RequireAuthorization(Policies.Manage)
            .WithSummary("Deletes an entry's facts, samples, chunks and vectors; a replay of the raw topic does not bring it back.");
        return group;
    }

    private static async Task<Results<Accepted<AcceptedEntry>, ProblemHttpResult>> Write(HttpContext context, ApiEvents events)
    {
        var (body, problem) = await JsonBody.ReadAsync<JournalWriteRequest>(context, """{"text": "Slept 7h, mood 6/10", "time": "2026-11-22T08:00:00Z"}""")
            .ConfigureAwait(false);
        if (problem is not null)
            return problem;
        DateTimeOffset? time = null;
        if (body!.Time is not null)
        {
            if (Timestamps.ParseEventTime(body.Time, out var parsed) is { } timeError)
                return ApiProblems.Field("time", timeError);
            time = parsed;
        }

        var payload = new JournalEntryWritten(body.Text ?? "", body.Title, body.Tags);
        if (payload.Text.Length == 0)
            return ApiProblems.Field("text", "is required");
        var caller = Caller.From(context.User);
        var (e, error) = await events.AppendAsync(caller.UserId, TopicCatalogue.JournalEntry, PayloadJson.Serialize(payload), time, context.RequestAborted)
            .ConfigureAwait(false);
        return error is not null ? ApiProblems.FromError(error) : TypedResults.Accepted($"/v1/journal/{e!.Id}", new AcceptedEntry(e.Id, Timestamps.Format(e.Time)));
    }

    private static async Task<Results<Ok<JournalListResponse>, ProblemHttpResult>> List(
        HttpContext context, JournalStore store, string? from, string? to, string? limit)
    {
        var errors = new[] { QueryParameters.Time("from", from, out var start), QueryParameters.Time("to", to, out var end),
            QueryParameters.Limit(limit, DefaultLimit, MaxLimit, out var size) };
        if (errors.FirstOrDefault(e => e is not null) is { } error)
            return ApiProblems.FromError(error);
        var (scope, denied) = await DataAccess.ResolveAsync(context).ConfigureAwait(false);
        if (denied is not null)
            return denied;
        if (scope!.Intersect([SourceTypes.JournalEntry]) is { Count: 0 })
            return TypedResults.Ok(new JournalListResponse([]));
        var (readFrom, readTo) = scope.Clamp(start ?? DateTimeOffset.UnixEpoch, end ?? new DateTimeOffset(2201, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var entries = await store.ListAsync(scope.UserId, readFrom, readTo, size, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new JournalListResponse([.. entries.Select(JournalEntryResponse.Of)]));
    }

    private static async Task<Results<Ok<JournalEntryResponse>, ProblemHttpResult>> Get(HttpContext context, JournalStore store, string id)
    {
        var (scope, denied) = await DataAccess.ResolveAsync(context).ConfigureAwait(false);
        if (denied is not null)
            return denied;
        var entry = await store.GetAsync(scope!.UserId, id, context.RequestAborted).ConfigureAwait(false);
        return entry is null || !scope.Allows(SourceTypes.JournalEntry, entry.Time)
            ? ApiProblems.Field("id", "no parsed journal entry with this id (it may still be being parsed)", StatusCodes.Status404NotFound)
            : TypedResults.Ok(JournalEntryResponse.Of(entry));
    }

    private static async Task<Results<Ok<JournalSamplesResponse>, ProblemHttpResult>> Samples(
        HttpContext context, JournalStore store, string? type, string? from, string? to)
    {
        if (string.IsNullOrEmpty(type) || !type.StartsWith("journal.", StringComparison.Ordinal) || type.Length > 128)
            return ApiProblems.Field("type", "must be a journal sample type such as journal.mood.score");
        var errors = new[] { QueryParameters.Time("from", from, out var start), QueryParameters.Time("to", to, out var end) };
        if (errors.FirstOrDefault(e => e is not null) is { } error)
            return ApiProblems.FromError(error);
        var (scope, denied) = await DataAccess.ResolveAsync(context).ConfigureAwait(false);
        if (denied is not null)
            return denied;
        if (scope!.Intersect([SourceTypes.JournalEntry]) is { Count: 0 })
            return TypedResults.Ok(new JournalSamplesResponse(type, []));
        var (readFrom, readTo) = scope.Clamp(start ?? DateTimeOffset.UnixEpoch, end ?? new DateTimeOffset(2201, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var samples = await store.GetSamplesAsync(scope.UserId, type, readFrom, readTo, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new JournalSamplesResponse(type,
            [.. samples.Select(s => new JournalSampleResponse(Timestamps.Format(s.Time), s.Value, s.Unit, s.Field, s.Provenance.ToString().ToLowerInvariant(), s.Confidence))]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext context, JournalStore store, SearchIndexer search, string id)
    {
        var caller = Caller.From(context.User);
        var removed = await store.DeleteAsync(caller.UserId, id, CancellationToken.None).ConfigureAwait(false);
        var chunks = await search.RemoveSourceAsync(caller.UserId, id, CancellationToken.None).ConfigureAwait(false);
        // The samples metrics read; a host without a life store keeps journal samples in the journal store only.
        if (context.RequestServices.GetService<ILifeStore>() is { } lifeStore)
        {
            await lifeStore.ReplaceDerivedSamplesAsync(
                new DerivedSamples(caller.UserId, id, "journal", JournalSamples.TypePrefix, []), CancellationToken.None).ConfigureAwait(false);
        }

        return removed || chunks > 0 ? TypedResults.NoContent() : ApiProblems.Field("id", "no journal entry with this id", StatusCodes.Status404NotFound);
    }
}

/// <summary>The body of <c>POST /v1/journal</c>.</summary>
public sealed record JournalWriteRequest(string? Text, string? Time, string? Title, IReadOnlyList<string>? Tags);

public sealed record AcceptedEntry(string Id, string Time);

public sealed record JournalListResponse(IReadOnlyList<JournalEntryResponse> Entries);

/// <summary>An entry with its facts and the extractor that parsed it.</summary>
public sealed record JournalEntryResponse(string Id, string Time, string Text, string? Title, string Model, string Status, string? Reason, IReadOnlyList<ParsedFact> Facts)
{
    public static JournalEntryResponse Of(JournalEntryRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, Timestamps.Format(e.Time), e.Text, e.Title, e.Model, e.Status, e.Reason, e.Facts);
    }
}

public sealed record JournalSamplesResponse(string Type, IReadOnlyList<JournalSampleResponse> Samples);

public sealed record JournalSampleResponse(string Time, double Value, string? Unit, string Field, string Provenance, double Confidence);
