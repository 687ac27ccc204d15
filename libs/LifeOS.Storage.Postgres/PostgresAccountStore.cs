using LifeOS.Contracts;
using Npgsql;
using static LifeOS.Storage.Postgres.PostgresValues;

namespace LifeOS.Storage.Postgres;

/// <summary>The account store on PostgreSQL: users, password hashes and hashed token grants.</summary>
public sealed class PostgresAccountStore(PostgresDatabase database) : IAccountStore, IUserDataEraser
{
    private static readonly string[] EraseStatements = ["DELETE FROM tokens WHERE user_id = $1", "DELETE FROM users WHERE id = $1"];

    private const string GrantColumns = "hash, user_id, kind, device, name, created, revoked, scope, event_types, expires, last_seen";

    public string Name => "accounts";

    public int Order => ErasureOrder.Account;

    public Task<string> EnsureUserAsync(string userId, string name, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("user upsert", async ct =>
        {
            await using var command = Command(database.DataSource,
                "INSERT INTO users (id, login, name, created) VALUES ($1, lower($1), $2, $3) ON CONFLICT (id) DO NOTHING",
                Text(userId), Text(name), Time(DateTimeOffset.UtcNow));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return userId;
        }, cancellationToken);

    public Task<bool> AnyUserAsync(CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("user check", async ct =>
        {
            await using var command = database.DataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM users)");
            return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);

    public Task<bool> CreateUserAsync(UserAccount user, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("user create", async ct =>
        {
            // No conflict target: a taken id and a taken login are both "not created".
            await using var command = Command(database.DataSource, """
                INSERT INTO users (id, login, name, password_hash, created) VALUES ($1, lower($2), $3, $4, $5) ON CONFLICT DO NOTHING
                """, Text(user.Id), Text(user.Login), Text(user.Name), Text(user.PasswordHash), Time(user.Created));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);

    public Task<UserAccount?> FindUserAsync(string userId, CancellationToken cancellationToken = default) => FindUser("id = $1", userId, cancellationToken);

    public Task<UserAccount?> FindUserByLoginAsync(string login, CancellationToken cancellationToken = default) =>
        FindUser("login = lower($1)", login, cancellationToken);

    public Task<bool> SetPasswordHashAsync(string userId, string passwordHash, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("password update", async ct =>
        {
            await using var command = Command(database.DataSource, "UPDATE users SET password_hash = $2 WHERE id = $1", Text(userId), Text(passwordHash));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);

    public Task SaveTokenAsync(TokenGrant grant, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("token save", async ct =>
        {
            await using var command = Command(database.DataSource, $"""
                INSERT INTO tokens ({GrantColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (hash) DO NOTHING
                """,
                Text(grant.Hash), Text(grant.UserId), Text(grant.Kind.ToString()), Text(grant.Device), Text(grant.Name), Time(grant.Created),
                Time(grant.Revoked), Text(grant.Scope), Text(grant.EventTypes), Time(grant.Expires), Time(grant.LastSeen));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<TokenGrant?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("token lookup", async ct =>
        {
            await using var command = Command(database.DataSource, $"SELECT {GrantColumns} FROM tokens WHERE hash = $1", Text(tokenHash));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadGrant(reader) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<TokenGrant>> ListTokensAsync(string userId, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("token list", async ct =>
        {
            await using var command = Command(database.DataSource,
                $"SELECT {GrantColumns} FROM tokens WHERE user_id = $1 ORDER BY created DESC, hash", Text(userId));
            return (IReadOnlyList<TokenGrant>)await ReadGrantsAsync(command, ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<TokenGrant>> RevokeTokensAsync(
        string userId, TokenSelector selector, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("token revoke", async ct =>
        {
            // The selector is matched in SQL exactly as TokenSelector.Matches does, so both stores revoke the same grants.
            await using var command = Command(database.DataSource, $"""
                UPDATE tokens SET revoked = $2
                WHERE user_id = $1 AND revoked IS NULL
                  AND ($3::text IS NULL OR substr(hash, 1, {TokenGrant.IdLength}) = $3)
                  AND ($4::text IS NULL OR (kind = 'Device' AND device = $4))
                RETURNING {GrantColumns}
                """, Text(userId), Time(at), Text(selector.Id), Text(selector.Device));
            return (IReadOnlyList<TokenGrant>)await ReadGrantsAsync(command, ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task TouchTokenAsync(string tokenHash, DateTimeOffset seen, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("token touch", async ct =>
        {
            await using var command = Command(database.DataSource,
                "UPDATE tokens SET last_seen = $2 WHERE hash = $1 AND (last_seen IS NULL OR last_seen < $2)", Text(tokenHash), Time(seen));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        if (!selection.Everything)
            return Task.FromResult(ErasureResult.Nothing(Name));

        return database.Retry.RunAsync("account delete", async ct =>
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            long removed = 0;
            foreach (var sql in EraseStatements)
            {
                await using var command = Command(connection, transaction, sql, Text(selection.User));
                removed += await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return new ErasureResult(Name, removed, []);
        }, cancellationToken);
    }

    private Task<UserAccount?> FindUser(string filter, string value, CancellationToken cancellationToken) =>
        database.Retry.RunAsync("user lookup", async ct =>
        {
            await using var command = Command(database.DataSource, $"SELECT id, login, name, password_hash, created FROM users WHERE {filter}", Text(value));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new UserAccount(reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(reader, 3), Time(reader, 4)!.Value)
                : null;
        }, cancellationToken);

    private static async Task<List<TokenGrant>> ReadGrantsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var grants = new List<TokenGrant>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            grants.Add(ReadGrant(reader));
        return grants;
    }

    private static TokenGrant ReadGrant(NpgsqlDataReader reader) => new(
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
