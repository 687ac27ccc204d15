using LifeOS.Contracts;
using Microsoft.Data.Sqlite;
using static LifeOS.Storage.Sqlite.SqliteValues;

namespace LifeOS.Storage.Sqlite;

/// <summary>The embedded account store: users, password hashes and hashed token grants in SQLite.</summary>
public sealed class SqliteAccountStore : IAccountStore, IUserDataEraser
{
    private const string GrantColumns = "hash, user_id, kind, device, name, created, revoked, scope, event_types, expires, last_seen";
    private readonly SqliteFile _file;

    public SqliteAccountStore(string path)
    {
        _file = new SqliteFile(path);
        using var connection = _file.OpenWriter();
        SqliteFile.Execute(connection, """
            CREATE TABLE IF NOT EXISTS users(id TEXT PRIMARY KEY, name TEXT NOT NULL, created INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS tokens(
                hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), kind TEXT NOT NULL, device TEXT,
                name TEXT NOT NULL, created INTEGER NOT NULL, revoked INTEGER);
            """);
        // Columns added after the first release; files made by older builds get them here.
        AddColumnIfMissing(connection, "users", "login", "TEXT");
        AddColumnIfMissing(connection, "users", "password_hash", "TEXT");
        AddColumnIfMissing(connection, "tokens", "scope", "TEXT");
        AddColumnIfMissing(connection, "tokens", "event_types", "TEXT");
        AddColumnIfMissing(connection, "tokens", "expires", "INTEGER");
        AddColumnIfMissing(connection, "tokens", "last_seen", "INTEGER");
        SqliteFile.Execute(connection, """
            UPDATE users SET login = lower(id) WHERE login IS NULL;
            CREATE UNIQUE INDEX IF NOT EXISTS users_by_login ON users(login);
            CREATE INDEX IF NOT EXISTS tokens_by_user ON tokens(user_id);
            """);
    }

    public string Name => "accounts";

    public int Order => ErasureOrder.Account;

    public Task<string> EnsureUserAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var command = Command(connection,
            "INSERT INTO users(id, login, name, created) VALUES ($id, lower($id), $name, $created) ON CONFLICT(id) DO NOTHING",
            ("$id", userId), ("$name", name), ("$created", Time(DateTimeOffset.UtcNow)));
        command.ExecuteNonQuery();
        return Task.FromResult(userId);
    }

    public Task<bool> AnyUserAsync(CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        using var command = Command(connection, "SELECT EXISTS(SELECT 1 FROM users)");
        return Task.FromResult((long)command.ExecuteScalar()! == 1);
    }

    public Task<bool> CreateUserAsync(UserAccount user, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        // OR IGNORE covers both unique keys: a taken id and a taken login are both "not created".
        using var command = Command(connection,
            "INSERT OR IGNORE INTO users(id, login, name, password_hash, created) VALUES ($id, lower($login), $name, $hash, $created)",
            ("$id", user.Id), ("$login", user.Login), ("$name", user.Name), ("$hash", Text(user.PasswordHash)), ("$created", Time(user.Created)));
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    public Task<UserAccount?> FindUserAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(FindUser("id = $v", userId));

    public Task<UserAccount?> FindUserByLoginAsync(string login, CancellationToken cancellationToken = default) =>
        Task.FromResult(FindUser("login = lower($v)", login));

    public Task<bool> SetPasswordHashAsync(string userId, string passwordHash, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var command = Command(connection, "UPDATE users SET password_hash = $h WHERE id = $id", ("$h", passwordHash), ("$id", userId));
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    public Task SaveTokenAsync(TokenGrant grant, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var command = Command(connection, $"""
            INSERT INTO tokens({GrantColumns})
            VALUES ($hash, $user, $kind, $device, $name, $created, $revoked, $scope, $types, $expires, $seen)
            ON CONFLICT(hash) DO NOTHING
            """,
            ("$hash", grant.Hash), ("$user", grant.UserId), ("$kind", grant.Kind.ToString()), ("$device", Text(grant.Device)),
            ("$name", grant.Name), ("$created", Time(grant.Created)), ("$revoked", Time(grant.Revoked)), ("$scope", Text(grant.Scope)),
            ("$types", Text(grant.EventTypes)), ("$expires", Time(grant.Expires)), ("$seen", Time(grant.LastSeen)));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<TokenGrant?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        using var command = Command(connection, $"SELECT {GrantColumns} FROM tokens WHERE hash = $hash", ("$hash", tokenHash));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadGrant(reader) : null);
    }

    public Task<IReadOnlyList<TokenGrant>> ListTokensAsync(string userId, CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        return Task.FromResult<IReadOnlyList<TokenGrant>>(ListGrants(connection, null, userId));
    }

    public Task<IReadOnlyList<TokenGrant>> RevokeTokensAsync(
        string userId, TokenSelector selector, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var transaction = connection.BeginTransaction();
        var revoked = ListGrants(connection, transaction, userId).Where(g => g.Revoked is null && selector.Matches(g)).ToList();
        using var update = Command(connection, "UPDATE tokens SET revoked = $at WHERE hash = $hash AND revoked IS NULL", ("$at", Time(at)), ("$hash", ""));
        update.Transaction = transaction;
        foreach (var grant in revoked)
        {
            update.Parameters["$hash"].Value = grant.Hash;
            update.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.FromResult<IReadOnlyList<TokenGrant>>([.. revoked.Select(g => g with { Revoked = at })]);
    }

    public Task TouchTokenAsync(string tokenHash, DateTimeOffset seen, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var command = Command(connection,
            "UPDATE tokens SET last_seen = $seen WHERE hash = $hash AND (last_seen IS NULL OR last_seen < $seen)",
            ("$seen", Time(seen)), ("$hash", tokenHash));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        if (!selection.Everything)
            return Task.FromResult(ErasureResult.Nothing(Name));

        using var connection = _file.OpenWriter();
        using var transaction = connection.BeginTransaction();
        using var tokens = Command(connection, "DELETE FROM tokens WHERE user_id = $u", ("$u", selection.User));
        tokens.Transaction = transaction;
        var removed = tokens.ExecuteNonQuery();
        using var user = Command(connection, "DELETE FROM users WHERE id = $u", ("$u", selection.User));
        user.Transaction = transaction;
        removed += user.ExecuteNonQuery();
        transaction.Commit();
        return Task.FromResult(new ErasureResult(Name, removed, []));
    }

    private UserAccount? FindUser(string filter, string value)
    {
        using var connection = _file.Open();
        using var command = Command(connection, $"SELECT id, login, name, password_hash, created FROM users WHERE {filter}", ("$v", value));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new UserAccount(reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(reader, 3), Time(reader, 4)!.Value)
            : null;
    }

    private static List<TokenGrant> ListGrants(SqliteConnection connection, SqliteTransaction? transaction, string userId)
    {
        using var command = Command(connection, $"SELECT {GrantColumns} FROM tokens WHERE user_id = $u ORDER BY created DESC, hash", ("$u", userId));
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        var grants = new List<TokenGrant>();
        while (reader.Read())
            grants.Add(ReadGrant(reader));
        return grants;
    }

    private static TokenGrant ReadGrant(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        Enum.Parse<TokenKind>(reader.GetString(2)),
        Text(reader, 3),
        reader.GetString(4),
        Time(reader, 5)!.Value,
        Time(reader, 6),
        Text(reader, 7),
        Text(reader, 8),
        Time(reader, 9),
        Time(reader, 10));
}
