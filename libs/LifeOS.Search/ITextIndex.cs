using LifeOS.Contracts;
using LifeOS.Storage;

namespace LifeOS.Search;

/// <summary>Full-text search over chunks of a person's text (journal entries, notes, pages, PDFs, transcripts, captions).</summary>
/// <remarks>
/// A chunk is the unit that is indexed, embedded and cited: it traces back to its source item, its position in it and
/// the model that embedded it. Every read and delete names a user; the index never answers across people.
/// </remarks>
public interface ITextIndex : IUserDataEraser
{
    /// <summary>Replaces every chunk of the sources named in <paramref name="chunks"/> with these (a source re-indexed never keeps stale chunks).</summary>
    Task ReplaceSourcesAsync(IReadOnlyList<TextChunk> chunks, CancellationToken cancellationToken = default);

    /// <summary>Records which embedding model embedded these chunks (or why none did).</summary>
    Task SetEmbeddingAsync(string user, IReadOnlyCollection<string> chunkIds, string embedding, CancellationToken cancellationToken = default);

    /// <summary>Removes every chunk of one source item; returns how many went.</summary>
    Task<long> DeleteSourceAsync(string user, string sourceId, CancellationToken cancellationToken = default);

    /// <summary>The chunks of one source, in position order.</summary>
    Task<IReadOnlyList<TextChunk>> GetSourceAsync(string user, string sourceId, CancellationToken cancellationToken = default);

    /// <summary>Chunks looked up by id (vector hits are resolved to their text through this); unknown ids are left out.</summary>
    Task<IReadOnlyList<TextChunk>> GetChunksAsync(string user, IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken = default);

    /// <summary>The best lexical matches of the query's words, best first.</summary>
    Task<IReadOnlyList<TextHit>> SearchAsync(TextQuery query, CancellationToken cancellationToken = default);
}

/// <summary>One indexed piece of text.</summary>
/// <param name="Id">Stable id: <c>{sourceId}#{position}</c>.</param>
/// <param name="Kind">What the source is: one of <see cref="SearchKinds"/>.</param>
/// <param name="EventType">The event type the source arrived as (<c>journal.entry</c>, <c>knowledge.item</c>, <c>task.url</c>), for deletion by type and for shares.</param>
/// <param name="SourceId">The source item (the raw event's id).</param>
/// <param name="Position">The chunk's position within its source, from 0.</param>
/// <param name="Time">When the source happened (an entry's time, a note's submission).</param>
/// <param name="Origin">Where the source came from, e.g. the canonical URL of a page.</param>
/// <param name="Embedding">The embedding model that embedded the chunk, or <c>skipped: why</c>; null before the embedding step ran.</param>
public sealed record TextChunk(
    string Id,
    string User,
    string Kind,
    string EventType,
    string SourceId,
    int Position,
    DateTimeOffset Time,
    string Text,
    string? Title = null,
    string? Origin = null,
    string? Embedding = null)
{
    public static string IdOf(string sourceId, int position) => $"{sourceId}#{position.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>A lexical search: the user, the words, and optional kind and time filters.</summary>
public sealed record TextQuery(string User, string Text, IReadOnlyCollection<string>? Kinds = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Limit = 20);

/// <summary>A lexical hit: the chunk, its rank (1 = best), a snippet with the matches in [brackets], and the words that matched.</summary>
public sealed record TextHit(TextChunk Chunk, int Rank, double Score, string Snippet, IReadOnlyList<string> MatchedTerms);

/// <summary>The kinds of searchable source; nothing else spells them.</summary>
public static class SearchKinds
{
    public const string Journal = "journal";
    public const string Note = "note";
    public const string Link = "link";
    public const string Pdf = "pdf";
    public const string Transcript = "transcript";
    public const string Caption = "caption";

    public static IReadOnlyList<string> All { get; } = [Journal, Note, Link, Pdf, Transcript, Caption];
}
