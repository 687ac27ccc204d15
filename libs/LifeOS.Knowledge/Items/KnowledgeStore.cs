using LifeOS.Contracts;
using LifeOS.Search;
using LifeOS.Storage;
using LifeOS.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using static LifeOS.Storage.Sqlite.SqliteCommands;

namespace LifeOS.Knowledge.Items;

/// <summary>Knowledge items (notes, links, PDFs, images) with what processing made of them, in SQLite (<c>knowledge.db</c>).</summary>
public sealed class KnowledgeStore : IUserDataEraser, IDisposable
{
    private readonly SqliteFile _file;
    private readonly SqliteWriter _writer;

    public KnowledgeStore(string path)
    {
        _file = new SqliteFile(path);
        _writer = new SqliteWriter(_file);
        using var connection = _file.Open();
        SqliteFile.Execute(connection, """
            CREATE TABLE IF NOT EXISTS items(
                user_id TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, event_type TEXT NOT NULL, time INTEGER NOT NULL,
                title TEXT, url TEXT, canonical_url TEXT, content_type TEXT, status TEXT NOT NULL, reason TEXT,
                extractor TEXT, embedding TEXT, chunks INTEGER NOT NULL, characters INTEGER NOT NULL, PRIMARY KEY(user_id, id));
            CREATE INDEX IF NOT EXISTS items_by_time ON items(user_id, time);
            CREATE TABLE IF NOT EXISTS deleted(user_id TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY(user_id, id));
            """);
    }

    public string Name => "knowledge";

    public int Order => ErasureOrder.Derived;

    public Task SaveAsync(KnowledgeRecord item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _writer.WriteAsync(connection => Run(connection, null, """
            INSERT OR REPLACE INTO items VALUES ($u, $id, $kind, $type, $time, $title, $url, $canon, $ct, $status, $reason, $extractor, $emb, $chunks, $chars)
            """, ("$u", item.User), ("$id", item.Id), ("$kind", item.Kind), ("$type", item.EventType), ("$time", Timestamps.ToUnixMicros(item.Time)),
            ("$title", item.Title), ("$url", item.Url), ("$canon", item.CanonicalUrl), ("$ct", item.ContentType), ("$status", item.Status),
            ("$reason", item.Reason), ("$extractor", item.Extractor), ("$emb", item.Embedding), ("$chunks", item.Chunks), ("$chars", item.Characters)),
            cancellationToken);
    }

    public Task<IReadOnlyList<KnowledgeRecord>> ListAsync(string user, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KnowledgeRecord>>(Read("user_id = $u AND time >= $from AND time < $to ORDER BY time DESC, id DESC LIMIT $limit",
            ("$u", user), ("$from", Timestamps.ToUnixMicros(from)), ("$to", Timestamps.ToUnixMicros(to)), ("$limit", limit)));

    public Task<KnowledgeRecord?> GetAsync(string user, string id, CancellationToken cancellationToken) =>
        Task.FromResult(Read("user_id = $u AND id = $id", ("$u", user), ("$id", id)).SingleOrDefault());

    public Task<bool> IsDeletedAsync(string user, string id, CancellationToken cancellationToken)
    {
        using var connection = _file.Open();
        using var command = Command(connection, null, "SELECT EXISTS(SELECT 1 FROM deleted WHERE user_id = $u AND id = $id)", ("$u", user), ("$id", id));
        return Task.FromResult((long)command.ExecuteScalar()! == 1);
    }

    /// <summary>Removes an item and leaves a tombstone, so a replay of its raw event does not bring it back.</summary>
    public Task<bool> DeleteAsync(string user, string id, CancellationToken cancellationToken) =>
        _writer.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var removed = Run(connection, transaction, "DELETE FROM items WHERE user_id = $u AND id = $id", ("$u", user), ("$id", id));
            Run(connection, transaction, "INSERT OR IGNORE INTO deleted VALUES ($u, $id)", ("$u", user), ("$id", id));
            transaction.Commit();
            return removed > 0;
        }, cancellationToken);

    public async Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var types = selection.Types?.Where(t => t is SourceTypes.KnowledgeItem or SourceTypes.Url).ToList();
        if (types is { Count: 0 })
            return ErasureResult.Nothing(Name);
        var removed = await _writer.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var filter = "user_id = $u AND time >= $from AND time < $to" + (types is null ? "" : " AND event_type IN (" + string.Join(", ", types.Select((_, i) => $"$t{i}")) + ")");
            var parameters = new List<(string, object?)>
            {
                ("$u", selection.User),
                ("$from", Timestamps.ToUnixMicros(selection.From ?? DateTimeOffset.MinValue.AddYears(1))),
                ("$to", Timestamps.ToUnixMicros(selection.To ?? DateTimeOffset.MaxValue.AddYears(-1))),
            };
            parameters.AddRange((types ?? []).Select((t, i) => ($"$t{i}", (object?)t)));
            Run(connection, transaction, $"INSERT OR IGNORE INTO deleted SELECT user_id, id FROM items WHERE {filter}", [.. parameters]);
            var count = Run(connection, transaction, $"DELETE FROM items WHERE {filter}", [.. parameters]);
            transaction.Commit();
            return (long)count;
        }, cancellationToken).ConfigureAwait(false);
        return new ErasureResult(Name, removed, []);
    }

    public void Dispose() => _writer.Dispose();

    private List<KnowledgeRecord> Read(string where, params (string, object?)[] parameters)
    {
        using var connection = _file.Open();
        using var command = Command(connection, null,
            $"SELECT id, user_id, kind, event_type, time, title, url, canonical_url, content_type, status, reason, extractor, embedding, chunks, characters FROM items WHERE {where}",
            parameters);
        using var reader = command.ExecuteReader();
        var items = new List<KnowledgeRecord>();
        while (reader.Read())
        {
            items.Add(new KnowledgeRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                Timestamps.FromUnixMicros(reader.GetInt64(4)), reader.NullableString(5), reader.NullableString(6), reader.NullableString(7),
                reader.NullableString(8), reader.GetString(9), reader.NullableString(10), reader.NullableString(11), reader.NullableString(12),
                reader.GetInt32(13), reader.GetInt32(14)));
        }

        return items;
    }
}

/// <summary>One knowledge item and what processing made of it.</summary>
/// <param name="Extractor">What turned the source into text (<c>markdig</c>, <c>anglesharp</c>, <c>pdftotext</c>, a vision model).</param>
/// <param name="Embedding">The embedding model of its chunks, or <c>skipped: why</c>.</param>
public sealed record KnowledgeRecord(
    string Id, string User, string Kind, string EventType, DateTimeOffset Time, string? Title, string? Url, string? CanonicalUrl, string? ContentType,
    string Status, string? Reason, string? Extractor, string? Embedding, int Chunks, int Characters);
