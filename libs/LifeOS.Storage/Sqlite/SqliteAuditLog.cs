using Microsoft.Data.Sqlite;
using static LifeOS.Storage.Sqlite.SqliteValues;

namespace LifeOS.Storage.Sqlite;

/// <summary>The embedded audit log: an SQLite table whose triggers refuse every UPDATE and DELETE.</summary>
public sealed class SqliteAuditLog : IAuditLog
{
    private readonly SqliteFile _file;

    public SqliteAuditLog(string path)
    {
        _file = new SqliteFile(path);
        using var connection = _file.OpenWriter();
        SqliteFile.Execute(connection, """
            CREATE TABLE IF NOT EXISTS audit_log(
                seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, time INTEGER NOT NULL, action TEXT NOT NULL,
                actor TEXT, detail TEXT, address TEXT);
            CREATE INDEX IF NOT EXISTS audit_by_user ON audit_log(user_id, seq);
            CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """);
    }

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var command = Command(connection, """
            INSERT INTO audit_log(user_id, time, action, actor, detail, address) VALUES ($u, $t, $a, $actor, $d, $addr)
            """, ("$u", entry.UserId), ("$t", Time(entry.Time)), ("$a", entry.Action), ("$actor", Text(entry.Actor)),
            ("$d", Text(entry.Detail)), ("$addr", Text(entry.Address)));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string userId, long? beforeSeq, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        using var command = Command(connection, """
            SELECT seq, user_id, time, action, actor, detail, address FROM audit_log
            WHERE user_id = $u AND seq < $before ORDER BY seq DESC LIMIT $limit
            """, ("$u", userId), ("$before", beforeSeq ?? long.MaxValue), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), reader.GetString(1), Time(reader, 2)!.Value, reader.GetString(3),
                Text(reader, 4), Text(reader, 5), Text(reader, 6)));
        }

        return Task.FromResult<IReadOnlyList<AuditEntry>>(entries);
    }

    /// <summary>Opens a raw connection to the file (for tests that prove the log cannot be altered).</summary>
    public SqliteConnection OpenConnection() => _file.OpenWriter();
}
