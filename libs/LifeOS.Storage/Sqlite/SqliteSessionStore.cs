using LifeOS.Contracts;
using Microsoft.Data.Sqlite;
using static LifeOS.Storage.Sqlite.SqliteCommands;
using static LifeOS.Storage.Sqlite.SqliteValues;

namespace LifeOS.Storage.Sqlite;

/// <summary>The embedded session store: login sessions and hashed refresh tokens in SQLite.</summary>
public sealed class SqliteSessionStore : ISessionStore, IUserDataEraser
{
    private readonly SqliteFile _file;

    public SqliteSessionStore(string path)
    {
        _file = new SqliteFile(path);
        using var connection = _file.OpenWriter();
        SqliteFile.Execute(connection, """
            CREATE TABLE IF NOT EXISTS sessions(id TEXT PRIMARY KEY, user_id TEXT NOT NULL, created INTEGER NOT NULL, revoked INTEGER);
            CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions(user_id);
            CREATE TABLE IF NOT EXISTS refresh_tokens(
                hash TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, user_id TEXT NOT NULL,
                created INTEGER NOT NULL, expires INTEGER NOT NULL, used INTEGER);
            CREATE INDEX IF NOT EXISTS refresh_by_session ON refresh_tokens(session_id);
            """);
    }

    public string Name => "sessions";

    public int Order => ErasureOrder.AccountData;

    public Task CreateAsync(LoginSession session, RefreshGrant first, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, "INSERT INTO sessions(id, user_id, created, revoked) VALUES ($id, $u, $c, $r)",
            ("$id", session.Id), ("$u", session.UserId), ("$c", Time(session.Created)), ("$r", Time(session.Revoked)));
        InsertRefresh(connection, transaction, first);
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<LoginSession?> FindSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        using var command = Command(connection, "SELECT id, user_id, created, revoked FROM sessions WHERE id = $id", ("$id", sessionId));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read()
            ? new LoginSession(reader.GetString(0), reader.GetString(1), Time(reader, 2)!.Value, Time(reader, 3))
            : null);
    }

    public Task<RefreshGrant?> FindRefreshAsync(string hash, CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        using var command = Command(connection,
            "SELECT hash, session_id, user_id, created, expires, used FROM refresh_tokens WHERE hash = $h", ("$h", hash));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read()
            ? new RefreshGrant(reader.GetString(0), reader.GetString(1), reader.GetString(2), Time(reader, 3)!.Value, Time(reader, 4)!.Value, Time(reader, 5))
            : null);
    }

    public Task<bool> RotateAsync(string usedHash, RefreshGrant next, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var transaction = connection.BeginTransaction();
        // The conditional update is the race guard: of two concurrent refreshes with one token, one marks it used.
        var marked = Run(connection, transaction, """
            UPDATE refresh_tokens SET used = $at
            WHERE hash = $h AND used IS NULL AND session_id IN (SELECT id FROM sessions WHERE revoked IS NULL)
            """, ("$at", Time(at)), ("$h", usedHash));
        if (marked != 1)
            return Task.FromResult(false);

        InsertRefresh(connection, transaction, next);
        transaction.Commit();
        return Task.FromResult(true);
    }

    public Task<bool> RevokeAsync(string sessionId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        return Task.FromResult(Run(connection, null, "UPDATE sessions SET revoked = $at WHERE id = $id AND revoked IS NULL",
            ("$at", Time(at)), ("$id", sessionId)) == 1);
    }

    public Task<IReadOnlyList<string>> RevokeAllAsync(string userId, string? keep, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var command = Command(connection,
            "UPDATE sessions SET revoked = $at WHERE user_id = $u AND revoked IS NULL AND id IS NOT $keep RETURNING id",
            ("$at", Time(at)), ("$u", userId), ("$keep", Text(keep)));
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
            ids.Add(reader.GetString(0));
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    public Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        if (!selection.Everything)
            return Task.FromResult(ErasureResult.Nothing(Name));

        using var connection = _file.OpenWriter();
        using var transaction = connection.BeginTransaction();
        var removed = Run(connection, transaction, "DELETE FROM refresh_tokens WHERE user_id = $u", ("$u", selection.User));
        removed += Run(connection, transaction, "DELETE FROM sessions WHERE user_id = $u", ("$u", selection.User));
        transaction.Commit();
        return Task.FromResult(new ErasureResult(Name, removed, []));
    }

    private static void InsertRefresh(SqliteConnection connection, SqliteTransaction transaction, RefreshGrant grant) =>
        Run(connection, transaction, """
            INSERT INTO refresh_tokens(hash, session_id, user_id, created, expires, used) VALUES ($h, $s, $u, $c, $e, $used)
            """, ("$h", grant.Hash), ("$s", grant.SessionId), ("$u", grant.UserId), ("$c", Time(grant.Created)),
            ("$e", Time(grant.Expires)), ("$used", Time(grant.Used)));
}
