using LifeOS.Contracts;
using LifeOS.Contracts.Payloads;
using LifeOS.Storage;
using LifeOS.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using static LifeOS.Storage.Sqlite.SqliteCommands;

namespace LifeOS.Journal;

/// <summary>Parsed journal entries, their facts and the samples made from numeric facts, in SQLite (<c>journal.db</c>).</summary>
/// <remarks>Saving an entry again replaces its facts and samples: a replay or a re-derivation never duplicates them.</remarks>
public sealed class JournalStore : IUserDataEraser, IDisposable
{
    private readonly SqliteFile _file;
    private readonly SqliteWriter _writer;

    public JournalStore(string path)
    {
        _file = new SqliteFile(path);
        _writer = new SqliteWriter(_file);
        using var connection = _file.Open();
        SqliteFile.Execute(connection, """
            CREATE TABLE IF NOT EXISTS entries(
                user_id TEXT NOT NULL, id TEXT NOT NULL, time INTEGER NOT NULL, text TEXT NOT NULL, title TEXT,
                model TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, PRIMARY KEY(user_id, id));
            CREATE INDEX IF NOT EXISTS entries_by_time ON entries(user_id, time);
            CREATE TABLE IF NOT EXISTS facts(
                user_id TEXT NOT NULL, entry_id TEXT NOT NULL, ordinal INTEGER NOT NULL, field TEXT NOT NULL, provenance TEXT NOT NULL,
                confidence REAL NOT NULL, value TEXT, numeric_value REAL, unit TEXT, span_start INTEGER, span_end INTEGER, model TEXT,
                PRIMARY KEY(user_id, entry_id, ordinal));
            CREATE TABLE IF NOT EXISTS samples(
                user_id TEXT NOT NULL, entry_id TEXT NOT NULL, type TEXT NOT NULL, time INTEGER NOT NULL, value REAL NOT NULL,
                unit TEXT, field TEXT NOT NULL, provenance TEXT NOT NULL, confidence REAL NOT NULL);
            CREATE INDEX IF NOT EXISTS samples_by_type ON samples(user_id, type, time);
            CREATE INDEX IF NOT EXISTS samples_by_entry ON samples(user_id, entry_id);
            CREATE TABLE IF NOT EXISTS deleted(user_id TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY(user_id, id));
            """);
    }

    public string Name => "journal";

    public int Order => ErasureOrder.Derived;

    /// <summary>Stores an entry with its facts and samples, replacing what an earlier parse stored for it.</summary>
    public async Task SaveAsync(JournalEntryRecord entry, IReadOnlyList<JournalSample> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(samples);
        await _writer.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            DeleteEntry(connection, transaction, entry.User, entry.Id);
            Run(connection, transaction, "INSERT INTO entries VALUES ($u, $id, $time, $text, $title, $model, $status, $reason)",
                ("$u", entry.User), ("$id", entry.Id), ("$time", Timestamps.ToUnixMicros(entry.Time)), ("$text", entry.Text), ("$title", entry.Title),
                ("$model", entry.Model), ("$status", entry.Status), ("$reason", entry.Reason));
            for (var i = 0; i < entry.Facts.Count; i++)
            {
                var f = entry.Facts[i];
                Run(connection, transaction, "INSERT INTO facts VALUES ($u, $id, $i, $field, $prov, $conf, $value, $num, $unit, $s, $e, $model)",
                    ("$u", entry.User), ("$id", entry.Id), ("$i", i), ("$field", f.Field), ("$prov", f.Provenance), ("$conf", f.Confidence),
                    ("$value", f.Value), ("$num", f.NumericValue), ("$unit", f.Unit), ("$s", f.Span?.Start), ("$e", f.Span?.End), ("$model", f.Model));
            }

            foreach (var s in samples)
            {
                Run(connection, transaction, "INSERT INTO samples VALUES ($u, $id, $type, $time, $value, $unit, $field, $prov, $conf)",
                    ("$u", entry.User), ("$id", entry.Id), ("$type", s.Type), ("$time", Timestamps.ToUnixMicros(s.Time)), ("$value", s.Value),
                    ("$unit", s.Unit), ("$field", s.Field), ("$prov", s.Provenance.ToWire()), ("$conf", s.Confidence));
            }

            transaction.Commit();
            return 0L;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Entries in [from, to), newest first, with their facts.</summary>
    public Task<IReadOnlyList<JournalEntryRecord>> ListAsync(string user, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        using var connection = _file.Open();
        var entries = ReadEntries(connection, "user_id = $u AND time >= $from AND time < $to ORDER BY time DESC, id DESC LIMIT $limit",
            ("$u", user), ("$from", Timestamps.ToUnixMicros(from)), ("$to", Timestamps.ToUnixMicros(to)), ("$limit", limit));
        return Task.FromResult<IReadOnlyList<JournalEntryRecord>>([.. entries.Select(e => e with { Facts = ReadFacts(connection, user, e.Id) })]);
    }

    public Task<JournalEntryRecord?> GetAsync(string user, string id, CancellationToken cancellationToken)
    {
        using var connection = _file.Open();
        var entry = ReadEntries(connection, "user_id = $u AND id = $id", ("$u", user), ("$id", id)).SingleOrDefault();
        return Task.FromResult(entry is null ? null : entry with { Facts = ReadFacts(connection, user, id) });
    }

    /// <summary>The samples of one type in [from, to), oldest first.</summary>
    public Task<IReadOnlyList<JournalSample>> GetSamplesAsync(string user, string type, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        using var connection = _file.Open();
        using var command = Command(connection, null,
            "SELECT type, value, unit, time, field, provenance, confidence FROM samples WHERE user_id = $u AND type = $type AND time >= $from AND time < $to ORDER BY time",
            ("$u", user), ("$type", type), ("$from", Timestamps.ToUnixMicros(from)), ("$to", Timestamps.ToUnixMicros(to)));
        using var reader = command.ExecuteReader();
        var samples = new List<JournalSample>();
        while (reader.Read())
        {
            samples.Add(new JournalSample(reader.GetString(0), reader.GetDouble(1), reader.NullableString(2), Timestamps.FromUnixMicros(reader.GetInt64(3)),
                reader.GetString(4), FactProvenanceNames.Parse(reader.GetString(5)), reader.GetDouble(6)));
        }

        return Task.FromResult<IReadOnlyList<JournalSample>>(samples);
    }

    /// <summary>True when the entry was deleted: the raw event may still be replayed, and must then not come back.</summary>
    public Task<bool> IsDeletedAsync(string user, string id, CancellationToken cancellationToken)
    {
        using var connection = _file.Open();
        using var command = Command(connection, null, "SELECT EXISTS(SELECT 1 FROM deleted WHERE user_id = $u AND id = $id)", ("$u", user), ("$id", id));
        return Task.FromResult((long)command.ExecuteScalar()! == 1);
    }

    /// <summary>The model each stored entry was parsed with, for re-derivation.</summary>
    public Task<string?> GetModelAsync(string user, string id, CancellationToken cancellationToken)
    {
        using var connection = _file.Open();
        using var command = Command(connection, null, "SELECT model FROM entries WHERE user_id = $u AND id = $id", ("$u", user), ("$id", id));
        return Task.FromResult(command.ExecuteScalar() as string);
    }

    /// <summary>Removes one entry with its facts and samples and leaves a tombstone; false when there was none.</summary>
    public Task<bool> DeleteAsync(string user, string id, CancellationToken cancellationToken) =>
        _writer.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var removed = DeleteEntry(connection, transaction, user, id);
            Run(connection, transaction, "INSERT OR IGNORE INTO deleted VALUES ($u, $id)", ("$u", user), ("$id", id));
            transaction.Commit();
            return removed > 0;
        }, cancellationToken);

    public async Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (selection.Types is { } types && !types.Contains(Search.SourceTypes.JournalEntry, StringComparer.Ordinal))
            return ErasureResult.Nothing(Name);
        var removed = await _writer.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var filter = "user_id = $u AND time >= $from AND time < $to";
            (string, object?)[] parameters =
            [
                ("$u", selection.User),
                ("$from", Timestamps.ToUnixMicros(selection.From ?? DateTimeOffset.MinValue.AddYears(1))),
                ("$to", Timestamps.ToUnixMicros(selection.To ?? DateTimeOffset.MaxValue.AddYears(-1))),
            ];
            var doomed = $"SELECT id FROM entries WHERE {filter}";
            // Tombstones keep a replay of the raw topic from bringing erased entries back.
            Run(connection, transaction, $"INSERT OR IGNORE INTO deleted SELECT user_id, id FROM entries WHERE {filter}", parameters);
            Run(connection, transaction, $"DELETE FROM facts WHERE user_id = $u AND entry_id IN ({doomed})", parameters);
            Run(connection, transaction, $"DELETE FROM samples WHERE user_id = $u AND entry_id IN ({doomed})", parameters);
            var count = Run(connection, transaction, $"DELETE FROM entries WHERE {filter}", parameters);
            transaction.Commit();
            return (long)count;
        }, cancellationToken).ConfigureAwait(false);
        return new ErasureResult(Name, removed, []);
    }

    public void Dispose() => _writer.Dispose();

    private static int DeleteEntry(SqliteConnection connection, SqliteTransaction transaction, string user, string id)
    {
        Run(connection, transaction, "DELETE FROM facts WHERE user_id = $u AND entry_id = $id", ("$u", user), ("$id", id));
        Run(connection, transaction, "DELETE FROM samples WHERE user_id = $u AND entry_id = $id", ("$u", user), ("$id", id));
        return Run(connection, transaction, "DELETE FROM entries WHERE user_id = $u AND id = $id", ("$u", user), ("$id", id));
    }

    private static List<JournalEntryRecord> ReadEntries(SqliteConnection connection, string where, params (string, object?)[] parameters)
    {
        using var command = Command(connection, null, $"SELECT id, user_id, time, text, title, model, status, reason FROM entries WHERE {where}", parameters);
        using var reader = command.ExecuteReader();
        var entries = new List<JournalEntryRecord>();
        while (reader.Read())
        {
            entries.Add(new JournalEntryRecord(reader.GetString(0), reader.GetString(1), Timestamps.FromUnixMicros(reader.GetInt64(2)), reader.GetString(3),
                reader.NullableString(4), reader.GetString(5), reader.GetString(6), reader.NullableString(7), []));
        }

        return entries;
    }

    private static List<ParsedFact> ReadFacts(SqliteConnection connection, string user, string entryId)
    {
        using var command = Command(connection, null,
            "SELECT field, confidence, provenance, value, numeric_value, unit, span_start, span_end, model FROM facts WHERE user_id = $u AND entry_id = $id ORDER BY ordinal",
            ("$u", user), ("$id", entryId));
        using var reader = command.ExecuteReader();
        var facts = new List<ParsedFact>();
        while (reader.Read())
        {
            facts.Add(new ParsedFact(reader.GetString(0), reader.GetDouble(1), reader.GetString(2), reader.NullableString(3), reader.NullableDouble(4),
                reader.NullableString(5), reader.IsDBNull(6) ? null : new TextSpan(reader.GetInt32(6), reader.GetInt32(7)), reader.NullableString(8)));
        }

        return facts;
    }
}

/// <summary>A parsed journal entry: its text, the extractor (<see cref="Model"/>) that parsed it, and the facts.</summary>
public sealed record JournalEntryRecord(
    string Id, string User, DateTimeOffset Time, string Text, string? Title, string Model, string Status, string? Reason, IReadOnlyList<ParsedFact> Facts);
