using System.Text;
using LifeOS.Contracts;
using LifeOS.Storage;
using LifeOS.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using static LifeOS.Storage.Sqlite.SqliteCommands;

namespace LifeOS.Search;

/// <summary>The embedded text index: chunk rows in SQLite with an FTS5 index over title and text (Porter stemming, BM25 ranking).</summary>
public sealed class SqliteTextIndex : ITextIndex, IDisposable
{
    private const char HighlightOpen = '\u0002';
    private const char HighlightClose = '\u0003';
    private const string Columns = "c.id, c.user_id, c.kind, c.event_type, c.source_id, c.position, c.time, c.text, c.title, c.origin, c.embedding";

    private readonly SqliteFile _file;
    private readonly SqliteWriter _writer;

    public SqliteTextIndex(string path)
    {
        _file = new SqliteFile(path);
        _writer = new SqliteWriter(_file);
        using var connection = _file.Open();
        SqliteFile.Execute(connection, """
            CREATE TABLE IF NOT EXISTS chunks(
                user_id TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, event_type TEXT NOT NULL, source_id TEXT NOT NULL,
                position INTEGER NOT NULL, time INTEGER NOT NULL, text TEXT NOT NULL, title TEXT, origin TEXT, embedding TEXT,
                PRIMARY KEY(user_id, id));
            CREATE INDEX IF NOT EXISTS chunks_by_source ON chunks(user_id, source_id, position);
            CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
                title, text, content='chunks', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2');
            CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN
                INSERT INTO chunks_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
            END;
            CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN
                INSERT INTO chunks_fts(chunks_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
            END;
            CREATE TRIGGER IF NOT EXISTS chunks_au AFTER UPDATE OF title, text ON chunks BEGIN
                INSERT INTO chunks_fts(chunks_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
                INSERT INTO chunks_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
            END;
            """);
    }

    public string Name => "text-index";

    public void Dispose() => _writer.Dispose();

    public int Order => ErasureOrder.Derived;

    public async Task ReplaceSourcesAsync(IReadOnlyList<TextChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        await _writer.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            foreach (var (user, source) in chunks.Select(c => (c.User, c.SourceId)).Distinct())
                Run(connection, transaction, "DELETE FROM chunks WHERE user_id = $u AND source_id = $s", ("$u", user), ("$s", source));
            using var insert = Command(connection, transaction, """
                INSERT INTO chunks(user_id, id, kind, event_type, source_id, position, time, text, title, origin, embedding)
                VALUES ($u, $id, $kind, $type, $s, $pos, $time, $text, $title, $origin, $emb)
                """, ("$u", ""), ("$id", ""), ("$kind", ""), ("$type", ""), ("$s", ""), ("$pos", 0), ("$time", 0L), ("$text", ""),
                ("$title", null), ("$origin", null), ("$emb", null));
            foreach (var chunk in chunks)
            {
                Set(insert, ("$u", chunk.User), ("$id", chunk.Id), ("$kind", chunk.Kind), ("$type", chunk.EventType), ("$s", chunk.SourceId),
                    ("$pos", chunk.Position), ("$time", Timestamps.ToUnixMicros(chunk.Time)), ("$text", chunk.Text),
                    ("$title", chunk.Title), ("$origin", chunk.Origin), ("$emb", chunk.Embedding));
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            return 0L;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task SetEmbeddingAsync(string user, IReadOnlyCollection<string> chunkIds, string embedding, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var update = Command(connection, transaction, "UPDATE chunks SET embedding = $e WHERE user_id = $u AND id = $id",
                ("$e", embedding), ("$u", user), ("$id", ""));
            foreach (var id in chunkIds)
            {
                update.Parameters["$id"].Value = id;
                update.ExecuteNonQuery();
            }

            transaction.Commit();
            return 0L;
        }, cancellationToken);

    public Task<long> DeleteSourceAsync(string user, string sourceId, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(connection => (long)Run(connection, null, "DELETE FROM chunks WHERE user_id = $u AND source_id = $s", ("$u", user), ("$s", sourceId)),
            cancellationToken);

    public Task<IReadOnlyList<TextChunk>> GetSourceAsync(string user, string sourceId, CancellationToken cancellationToken = default) =>
        ReadChunksAsync($"SELECT {Columns} FROM chunks c WHERE c.user_id = $u AND c.source_id = $s ORDER BY c.position", ("$u", user), ("$s", sourceId));

    public async Task<IReadOnlyList<TextChunk>> GetChunksAsync(string user, IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        var found = new List<TextChunk>(chunkIds.Count);
        foreach (var id in chunkIds)
            found.AddRange(await ReadChunksAsync($"SELECT {Columns} FROM chunks c WHERE c.user_id = $u AND c.id = $id", ("$u", user), ("$id", id)).ConfigureAwait(false));
        return found;
    }

    public Task<IReadOnlyList<TextHit>> SearchAsync(TextQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = QueryTerms.Of(query.Text);
        if (terms.Count == 0)
            return Task.FromResult<IReadOnlyList<TextHit>>([]);

        // Every word quoted: the engine sees words, never operators a person did not mean. Any word may match; BM25 ranks
        // chunks with more (and rarer) matches first.
        var match = string.Join(" OR ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        var sql = new StringBuilder($"""
            SELECT {Columns}, bm25(chunks_fts, 2.0, 1.0) AS score,
                   snippet(chunks_fts, 1, '[', ']', '…', 24),
                   coalesce(highlight(chunks_fts, 0, char(2), char(3)), '') || ' ' || highlight(chunks_fts, 1, char(2), char(3))
            FROM chunks_fts JOIN chunks c ON c.rowid = chunks_fts.rowid
            WHERE chunks_fts MATCH $match AND c.user_id = $u
            """);
        var parameters = new List<(string, object?)> { ("$match", match), ("$u", query.User), ("$limit", query.Limit) };
        if (query.Kinds is { Count: > 0 } kinds)
        {
            sql.Append(" AND c.kind IN (").AppendJoin(", ", kinds.Select((_, i) => $"$k{i}")).Append(')');
            parameters.AddRange(kinds.Select((k, i) => ($"$k{i}", (object?)k)));
        }

        if (query.From is { } from)
        {
            sql.Append(" AND c.time >= $from");
            parameters.Add(("$from", Timestamps.ToUnixMicros(from)));
        }

        if (query.To is { } to)
        {
            sql.Append(" AND c.time < $to");
            parameters.Add(("$to", Timestamps.ToUnixMicros(to)));
        }

        sql.Append(" ORDER BY score LIMIT $limit");
        using var connection = _file.Open();
        using var command = Command(connection, null, sql.ToString(), [.. parameters]);
        using var reader = command.ExecuteReader();
        var hits = new List<TextHit>();
        while (reader.Read())
        {
            // bm25() is lower-is-better and negative; the API reports higher-is-better.
            hits.Add(new TextHit(ReadChunk(reader), hits.Count + 1, -reader.GetDouble(11), reader.GetString(12), Highlighted(reader.GetString(13))));
        }

        return Task.FromResult<IReadOnlyList<TextHit>>(hits);
    }

    public async Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var removed = await _writer.WriteAsync(connection =>
        {
            var sql = new StringBuilder("DELETE FROM chunks WHERE user_id = $u");
            var parameters = new List<(string, object?)> { ("$u", selection.User) };
            if (selection.From is { } from)
            {
                sql.Append(" AND time >= $from");
                parameters.Add(("$from", Timestamps.ToUnixMicros(from)));
            }

            if (selection.To is { } to)
            {
                sql.Append(" AND time < $to");
                parameters.Add(("$to", Timestamps.ToUnixMicros(to)));
            }

            if (selection.Types is { } types)
            {
                sql.Append(" AND event_type IN (").AppendJoin(", ", types.Select((_, i) => $"$t{i}")).Append(')');
                parameters.AddRange(types.Select((t, i) => ($"$t{i}", (object?)t)));
            }

            return (long)Run(connection, null, sql.ToString(), [.. parameters]);
        }, cancellationToken).ConfigureAwait(false);
        return new ErasureResult(Name, removed, []);
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

    private Task<IReadOnlyList<TextChunk>> ReadChunksAsync(string sql, params (string, object?)[] parameters)
    {
        using var connection = _file.Open();
        using var command = Command(connection, null, sql, parameters);
        using var reader = command.ExecuteReader();
        var chunks = new List<TextChunk>();
        while (reader.Read())
            chunks.Add(ReadChunk(reader));
        return Task.FromResult<IReadOnlyList<TextChunk>>(chunks);
    }

    private static TextChunk ReadChunk(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
        Timestamps.FromUnixMicros(reader.GetInt64(6)), reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10));

    private static void Set(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
            command.Parameters[name].Value = value ?? DBNull.Value;
    }
}
