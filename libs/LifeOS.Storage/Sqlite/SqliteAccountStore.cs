using LifeOS.Contracts;
using Microsoft.Data.Sqlite;

namespace LifeOS.Storage.Sqlite;

/// <summary>The embedded account store: users and hashed token grants in SQLite.</summary>
public sealed class SqliteAccountStore : IAccountStore
{
    private readonly SqliteFile _file;

    public SqliteAccountStore(string path)
    {
        _file = new SqliteFile(path);
        using var connection = _file.Open();
        SqliteFile.Execute(connection, """
            CREATE TABLE IF NOT EXISTS users(id TEXT PRIMARY KEY, name TEXT NOT NULL, created INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS tokens(
                hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), kind TEXT NOT NULL, device TEXT,
                name TEXT NOT NULL, created INTEGER NOT NULL, revoked INTEGER);
            """);
    }

    public Task<string> EnsureUserAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO users(id, name, created) VALUES ($id, $name, $created) ON CONFLICT(id) DO NOTHING";
        command.Parameters.AddWithValue("$id", userId);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$created", Timestamps.ToUnixMicros(DateTimeOffset.UtcNow));
        command.ExecuteNonQuery();
        return Task.FromResult(userId);
    }

    public Task<bool> AnyUserAsync(CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS(SELECT 1 FROM users)";
        return Task.FromResult((long)command.ExecuteScalar()! == 1);
    }

    public Task SaveTokenAsync(TokenGrant grant, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO tokens(hash, user_id, kind, device, name, created, revoked) VALUES ($hash, $user, $kind, $device, $name, $created, $revoked)
            ON CONFLICT(hash) DO NOTHING
            """;
        command.Parameters.AddWithValue("$hash", grant.Hash);
        command.Parameters.AddWithValue("$user", grant.UserId);
        command.Parameters.AddWithValue("$kind", grant.Kind.ToString());
        command.Parameters.AddWithValue("$device", (object?)grant.Device ?? DBNull.Value);
        command.Parameters.AddWithValue("$name", grant.Name);
        command.Parameters.AddWithValue("$created", Timestamps.ToUnixMicros(grant.Created));
        command.Parameters.AddWithValue("$revoked", grant.Revoked is { } revoked ? Timestamps.ToUnixMicros(revoked) : DBNull.Value);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<TokenGrant?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT hash, user_id, kind, device, name, created, revoked FROM tokens WHERE hash = $hash";
        command.Parameters.AddWithValue("$hash", tokenHash);
        using var reader = command.ExecuteReader();
        TokenGrant? grant = reader.Read()
            ? new TokenGrant(
                reader.GetString(0),
                reader.GetString(1),
                Enum.Parse<TokenKind>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                Timestamps.FromUnixMicros(reader.GetInt64(5)),
                reader.IsDBNull(6) ? null : Timestamps.FromUnixMicros(reader.GetInt64(6)))
            : null;
        return Task.FromResult(grant);
    }
}
