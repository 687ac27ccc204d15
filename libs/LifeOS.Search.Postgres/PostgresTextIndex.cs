using System.Text;
using LifeOS.Contracts;
using LifeOS.Storage;
using Npgsql;
using NpgsqlTypes;

namespace LifeOS.Search.Postgres;

/// <summary>The text index on PostgreSQL: a <c>tsvector</c> column under a GIN index, ranked by <c>ts_rank_cd</c>, with
/// <c>ts_headline</c> snippets.</summary>
/// <remarks>Creates its table on first use. Ranking differs in detail from SQLite's BM25 (cover density, not term rarity),
/// but both put chunks that match more of the words first.</remarks>
public sealed class PostgresTextIndex : ITextIndex, IAsyncDisposable, IDisposable
{
    private const char HighlightOpen = '\u0002';
    private const char HighlightClose = '\u0003';
    private const string Columns = "c.id, c.user_id, c.kind, c.event_type, c.source_id, c.position, c.time, c.text, c.title, c.origin, c.embedding";
    private const string Config = TextIndexSchema.Configuration;

    // Snippets as the embedded index makes them: one fragment of about 24 words with the matches in [brackets].
    private const string SnippetOptions = "StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1";

    // Every match marked with control characters no text contains, to read back which words matched.
    private static readonly string MarkAllOptions = $"StartSel={HighlightOpen}, StopSel={HighlightClose}, HighlightAll=TRUE";

    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    public PostgresTextIndex(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name => "text-index";

    public int Order => ErasureOrder.Derived;

    public async Task ReplaceSourcesAsync(IReadOnlyList<TextChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        if (chunks.Count == 0)
            return;
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var sources = chunks.Select(c => (c.User, c.SourceId)).Distinct().ToList();
        await using (var delete = new NpgsqlCommand("""
            DELETE FROM search_chunks c USING unnest($1::text[], $2::text[]) AS s(user_id, source_id)
            WHERE c.user_id = s.user_id AND c.source_id = s.source_id
            """, connection, transaction))
        {
            Add(delete, sources.Select(s => s.User).ToArray());
            Add(delete, sources.Select(s => s.SourceId).ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var insert = new NpgsqlCommand("""
            INSERT INTO search_chunks (user_id, id, kind, event_type, source_id, position, time, text, title, origin, embedding)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::timestamptz[],
                                 $8::text[], $9::text[], $10::text[], $11::text[])
            """, connection, transaction))
        {
            Add(insert, chunks.Select(c => c.User).ToArray());
            Add(insert, chunks.Select(c => c.Id).ToArray());
            Add(insert, chunks.Select(c => c.Kind).ToArray());
            Add(insert, chunks.Select(c => c.EventType).ToArray());
            Add(insert, chunks.Select(c => c.SourceId).ToArray());
            Add(insert, chunks.Select(c => c.Position).ToArray());
            Add(insert, chunks.Select(c => Utc(c.Time)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
            Add(insert, chunks.Select(c => c.Text).ToArray());
            Add(insert, chunks.Select(c => c.Title).ToArray());
            Add(insert, chunks.Select(c => c.Origin).ToArray());
            Add(insert, chunks.Select(c => c.Embedding).ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SetEmbeddingAsync(string user, IReadOnlyCollection<string> chunkIds, string embedding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("UPDATE search_chunks SET embedding = $1 WHERE user_id = $2 AND id = ANY($3)", connection);
        Add(command, embedding);
        Add(command, user);
        Add(command, chunkIds.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> DeleteSourceAsync(string user, string sourceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM search_chunks WHERE user_id = $1 AND source_id = $2", connection);
        Add(command, user);
        Add(command, sourceId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<TextChunk>> GetSourceAsync(string user, string sourceId, CancellationToken cancellationToken = default) =>
        ReadChunksAsync($"SELECT {Columns} FROM search_chunks c WHERE c.user_id = $1 AND c.source_id = $2 ORDER BY c.position",
            [user, sourceId], cancellationToken);

    public Task<IReadOnlyList<TextChunk>> GetChunksAsync(string user, IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        // In the order asked for, as vector hits are ranked.
        return ReadChunksAsync($"""
            SELECT {Columns} FROM unnest($2::text[]) WITH ORDINALITY AS r(id, n) JOIN search_chunks c ON c.user_id = $1 AND c.id = r.id
            ORDER BY r.n
            """, [user, chunkIds.ToArray()], cancellationToken);
    }

    public async Task<IReadOnlyList<TextHit>> SearchAsync(TextQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = QueryTerms.Of(query.Text);
        if (terms.Count == 0)
            return [];

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand { Connection = connection };
        Add(command, query.User);
        Add(command, query.Limit);
        Add(command, SnippetOptions);
        Add(command, MarkAllOptions);
        // Each word on its own through plainto_tsquery, joined by OR: the engine sees stemmed words, never operators a
        // person did not mean (websearch_to_tsquery would read "or" and "-"), and any word may match.
        var words = string.Join(" || ", terms.Select(t => $"plainto_tsquery('{Config}', ${Add(command, t)})"));
        var filters = new StringBuilder("c.user_id = $1 AND c.document @@ q.query");
        if (query.Kinds is { Count: > 0 } kinds)
            filters.Append($" AND c.kind = ANY(${Add(command, kinds.ToArray())})");
        if (query.From is { } from)
            filters.Append($" AND c.time >= ${Add(command, Utc(from), NpgsqlDbType.TimestampTz)}");
        if (query.To is { } to)
            filters.Append($" AND c.time < ${Add(command, Utc(to), NpgsqlDbType.TimestampTz)}");

        // Headlines are costly (they re-parse the text), so they are made for the page of hits only.
        command.CommandText = $"""
            WITH q AS (SELECT {words} AS query),
            hits AS (
                SELECT c.*, ts_rank_cd(c.document, q.query) AS score FROM search_chunks c, q
                WHERE {filters} ORDER BY score DESC, c.time DESC, c.id LIMIT $2
            )
            SELECT {Columns}, c.score,
                   ts_headline('{Config}', c.text, q.query, $3),
                   ts_headline('{Config}', coalesce(c.title, '') || E'\n' || c.text, q.query, $4)
            FROM hits c, q ORDER BY c.score DESC, c.time DESC, c.id
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var hits = new List<TextHit>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            hits.Add(new TextHit(ReadChunk(reader), hits.Count + 1, reader.GetFloat(11), reader.GetString(12), Highlighted(reader.GetString(13))));
        return hits;
    }

    public async Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand { Connection = connection };
        var sql = new StringBuilder($"DELETE FROM search_chunks WHERE user_id = ${Add(command, selection.User)}");
        if (selection.From is { } from)
            sql.Append($" AND time >= ${Add(command, Utc(from), NpgsqlDbType.TimestampTz)}");
        if (selection.To is { } to)
            sql.Append($" AND time < ${Add(command, Utc(to), NpgsqlDbType.TimestampTz)}");
        if (selection.Types is { } types)
            sql.Append($" AND event_type = ANY(${Add(command, types.ToArray())})");
        command.CommandText = sql.ToString();
        var removed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return new ErasureResult(Name, removed, []);
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _schemaLock.Dispose();
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _schemaLock.Dispose();
    }

    /// <summary>The distinct words the engine marked as matches (as written in the text, lower-cased).</summary>
    private static List<string> Highlighted(string marked)
    {
        var words = new List<string>();
        var start = marked.IndexOf(HighlightOpen, StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = marked.IndexOf(HighlightClose, start + 1);
            if (end < 0)
                break;
            var word = marked[(start + 1)..end].ToLowerInvariant();
            if (!words.Contains(word, StringComparer.Ordinal))
                words.Add(word);
            start = marked.IndexOf(HighlightOpen, end + 1);
        }

        return words;
    }

    private async Task<IReadOnlyList<TextChunk>> ReadChunksAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var chunks = new List<TextChunk>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            chunks.Add(ReadChunk(reader));
        return chunks;
    }

    private static TextChunk ReadChunk(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
        reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10));

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (_schemaReady)
            return connection;
        try
        {
            await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_schemaReady)
                {
                    await using var create = new NpgsqlCommand(TextIndexSchema.Create, connection);
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    _schemaReady = true;
                }
            }
            finally
            {
                _schemaLock.Release();
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Whole microseconds in UTC, truncated as the embedded index truncates (Npgsql would round).
    private static DateTime Utc(DateTimeOffset value) => Timestamps.FromUnixMicros(Timestamps.ToUnixMicros(value)).UtcDateTime;

    // Positional parameters ($1, $2, ...): returns the number of the one just added.
    private static int Add<T>(NpgsqlCommand command, T value, NpgsqlDbType? type = null)
    {
        var parameter = new NpgsqlParameter<T> { TypedValue = value };
        if (type is { } dbType)
            parameter.NpgsqlDbType = dbType;
        command.Parameters.Add(parameter);
        return command.Parameters.Count;
    }
}
