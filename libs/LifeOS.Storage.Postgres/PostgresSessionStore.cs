using LifeOS.Contracts;
using Npgsql;
using static LifeOS.Storage.Postgres.PostgresValues;

namespace LifeOS.Storage.Postgres;

/// <summary>Login sessions and hashed refresh tokens on PostgreSQL.</summary>
public sealed class PostgresSessionStore(PostgresDatabase database) : ISessionStore, IUserDataEraser
{
    private static readonly string[] EraseStatements = ["DELETE FROM refresh_tokens WHERE user_id = $1", "DELETE FROM sessions WHERE user_id = $1"];

    public string Name => "sessions";

    public int Order => ErasureOrder.AccountData;

    public Task CreateAsync(LoginSession session, RefreshGrant first, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("session create", async ct =>
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            // ON CONFLICT: a retry after a commit whose answer was lost finds the rows already there.
            await using (var insert = Command(connection, transaction,
                "INSERT INTO sessions (id, user_id, created, revoked) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                Text(session.Id), Text(session.UserId), Time(session.Created), Time(session.Revoked)))
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await InsertRefreshAsync(connection, transaction, first, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<LoginSession?> FindSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("session lookup", async ct =>
        {
            await using var command = Command(database.DataSource, "SELECT id, user_id, created, revoked FROM sessions WHERE id = $1", Text(sessionId));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new LoginSession(reader.GetString(0), reader.GetString(1), Time(reader, 2)!.Value, Time(reader, 3))
                : null;
        }, cancellationToken);

    public Task<RefreshGrant?> FindRefreshAsync(string hash, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("refresh lookup", async ct =>
        {
            await using var command = Command(database.DataSource,
                "SELECT hash, session_id, user_id, created, expires, used FROM refresh_tokens WHERE hash = $1", Text(hash));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new RefreshGrant(reader.GetString(0), reader.GetString(1), reader.GetString(2), Time(reader, 3)!.Value, Time(reader, 4)!.Value, Time(reader, 5))
                : null;
        }, cancellationToken);

    public Task<bool> RotateAsync(string usedHash, RefreshGrant next, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("refresh rotate", async ct =>
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            // The conditional update is the race guard: of two concurrent refreshes with one token, one marks it used.
            await using var mark = Command(connection, transaction, """
                UPDATE refresh_tokens SET used = $2
                WHERE hash = $1 AND used IS NULL AND session_id IN (SELECT id FROM sessions WHERE revoked IS NULL)
                """, Text(usedHash), Time(at));
            if (await mark.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
                return false;

            await InsertRefreshAsync(connection, transaction, next, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<bool> RevokeAsync(string sessionId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("session revoke", async ct =>
        {
            await using var command = Command(database.DataSource,
                "UPDATE sessions SET revoked = $2 WHERE id = $1 AND revoked IS NULL", Text(sessionId), Time(at));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> RevokeAllAsync(string userId, string? keep, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("session revoke all", async ct =>
        {
            await using var command = Command(database.DataSource, """
                UPDATE sessions SET revoked = $2 WHERE user_id = $1 AND revoked IS NULL AND id IS DISTINCT FROM $3 RETURNING id
                """, Text(userId), Time(at), Text(keep));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var ids = new List<string>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                ids.Add(reader.GetString(0));
            return (IReadOnlyList<string>)ids;
        }, cancellationToken);

    public Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        if (!selection.Everything)
            return Task.FromResult(ErasureResult.Nothing(Name));

        return database.Retry.RunAsync("session delete", async ct =>
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

    private static async Task InsertRefreshAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RefreshGrant grant, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, """
            INSERT INTO refresh_tokens (hash, session_id, user_id, created, expires, used) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
            """, Text(grant.Hash), Text(grant.SessionId), Text(grant.UserId), Time(grant.Created), Time(grant.Expires), Time(grant.Used));
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
