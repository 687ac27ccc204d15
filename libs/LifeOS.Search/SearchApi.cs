using System.Globalization;
using LifeOS.Contracts;
using LifeOS.Identity;
using LifeOS.Identity.Http;
using LifeOS.Identity.Sharing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LifeOS.Search;

/// <summary><c>GET /v1/search</c> (hybrid lexical + semantic) and <c>POST /v1/ask</c> (answers with citations) over the caller's data.</summary>
public static class SearchApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxQueryLength = 1000;

    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Search").RequireAuthorization(Policies.Query);
        group.MapGet("/search", Search).WithName("Search")
            .WithSummary("Hybrid search: full-text fused with vector results (reciprocal rank fusion); every hit says where it came from and why it matched.");
        group.MapPost("/ask", Ask).WithName("Ask")
            .WithSummary("Answers a question from the caller's own data with citations to the passages used; says so when no chat model is configured.");
        return group;
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Search(
        HttpContext context, HybridSearch search, string? q, string? types, string? from, string? to, string? limit)
    {
        // Every parameter is parsed; the first error is reported.
        var errors = new[] { Query(q, out var text), Kinds(types, out var kinds), QueryParameters.Time("from", from, out var start), QueryParameters.Time("to", to, out var end),
            QueryParameters.Limit(limit, DefaultLimit, MaxLimit, out var size) };
        var error = errors.FirstOrDefault(e => e is not null);
        if (error is null && start is not null && end is not null && end <= start)
            error = "to: must be after from";
        if (error is not null)
            return ApiProblems.FromError(error);
        var (scope, denied) = await DataAccess.ResolveAsync(context).ConfigureAwait(false);
        if (denied is not null)
            return denied;

        var result = await search.SearchAsync(Narrow(scope!, new TextQuery(scope!.UserId, text!, kinds, start, end, size)), context.RequestAborted).ConfigureAwait(false);
        var hits = result.Hits.Where(h => scope.Allows(h.Chunk.EventType, h.Chunk.Time)).Select(SearchHitResponse.Of).ToList();
        return TypedResults.Ok(new SearchResponse(hits, result.Semantic));
    }

    private static async Task<Results<Ok<AskResponse>, ProblemHttpResult>> Ask(HttpContext context, AskService ask)
    {
        var (body, problem) = await JsonBody.ReadAsync<AskRequest>(context, """{"question": "How did I sleep last week?"}""").ConfigureAwait(false);
        if (problem is not null)
            return problem;
        if (Query(body!.Question, out var question, "question") is { } error)
            return ApiProblems.FromError(error);

        // Asking reads only the caller's own data: an answer mixes passages, which a share's limits could not follow.
        var caller = Caller.From(context.User);
        var answer = await ask.AskAsync(caller.UserId, question!, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new AskResponse(answer.Answer, answer.Status, answer.Reason, answer.Model,
            [.. answer.Cited.Select(n => new Citation(n, SearchHitResponse.Of(answer.Passages[n - 1])))],
            [.. answer.Passages.Select(SearchHitResponse.Of)]));
    }

    private static TextQuery Narrow(DataScope scope, TextQuery query)
    {
        var (from, to) = scope.Clamp(query.From ?? DateTimeOffset.UnixEpoch, query.To ?? DateTimeOffset.MaxValue);
        return query with { From = from, To = to };
    }

    private static string? Query(string? text, out string? value, string name = "q")
    {
        value = text?.Trim();
        if (string.IsNullOrEmpty(value))
            return $"{name}: is required";
        if (value.Length > MaxQueryLength)
            return $"{name}: must be at most {MaxQueryLength} characters";
        return QueryTerms.Of(value).Count == 0 ? $"{name}: must contain at least one word" : null;
    }

    private static string? Kinds(string? text, out IReadOnlyCollection<string>? kinds)
    {
        kinds = null;
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var list = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (list.FirstOrDefault(k => !SearchKinds.All.Contains(k, StringComparer.Ordinal)) is { } unknown)
            return $"types: '{(unknown.Length > 32 ? unknown[..32] : unknown)}' is not one of {string.Join(", ", SearchKinds.All)}";
        kinds = list;
        return null;
    }
}

public sealed record AskRequest(string? Question);

/// <summary>The search answer; <c>semantic</c> is <c>ok: model</c> or <c>skipped: why</c>.</summary>
public sealed record SearchResponse(IReadOnlyList<SearchHitResponse> Hits, string Semantic);

/// <summary>One hit: where it came from (source, kind, position, origin, embedding model) and why it matched.</summary>
public sealed record SearchHitResponse(
    string ChunkId, string SourceId, string Kind, string SourceType, int Position, string Time, string? Title, string? Origin,
    string Snippet, double Score, IReadOnlyList<string> MatchedBy, IReadOnlyList<string> MatchedTerms, float? Similarity, string Why, string? Embedding)
{
    public static SearchHitResponse Of(SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        var c = hit.Chunk;
        return new(c.Id, c.SourceId, c.Kind, c.EventType, c.Position, hit.TimeText, c.Title, c.Origin, hit.Snippet, hit.Score,
            hit.MatchedBy, hit.MatchedTerms, hit.Similarity, hit.Why, c.Embedding);
    }
}

/// <summary>An answer; <c>status</c> ok, skipped (no chat model: <c>reason</c> says so) or no_data.</summary>
public sealed record AskResponse(string? Answer, string Status, string? Reason, string? Model, IReadOnlyList<Citation> Citations, IReadOnlyList<SearchHitResponse> Passages);

/// <summary>A passage the answer cites as [n].</summary>
public sealed record Citation(int Number, SearchHitResponse Passage);
