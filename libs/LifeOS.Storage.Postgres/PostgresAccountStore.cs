using Npgsql;
using NpgsqlTypes;

namespace LifeOS.Storage.Postgres;

/// <summary>The account store on PostgreSQL: users and hashed token grants.</summary>
public sealed class PostgresAccountStore(PostgresDatabase database) : IAccountStore
{
    public Task<string> EnsureUserAsync(string userId, string name, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("user upsert", async ct =>
        {
            await using var command = database.DataSource.CreateCommand(
                "INSERT INTO users (id, name, created) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            command.Parameters.Add(Time(DateTimeOffset.UtcNow));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return userId;
        }, cancellationToken);

    public Task<bool> AnyUserAsync(CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("user check", async ct =>
        {
            await using var command = database.DataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM users)");
            return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);

    public Task SaveTokenAsync(TokenGrant grant, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("token save", async ct =>
        {
            await using var command = database.DataSource.CreateCommand("""
                INSERT INTO tokens (hash, user_id, kind, device, name, created, revoked) VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (hash) DO NOTHING
                """);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grant.Hash });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grant.UserId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grant.Kind.ToString() });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)grant.Device ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grant.Name });
            command.Parameters.Add(Time(grant.Created));
            command.Parameters.Add(grant.Revoked is { } revoked
                ? Time(revoked)
                : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<TokenGrant?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("token lookup", async ct =>
        {
            await using var command = database.DataSource.CreateCommand(
                "SELECT hash, user_id, kind, device, name, created, revoked FROM tokens WHERE hash = $1");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tokenHash });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new TokenGrant(
                    reader.GetString(0),
                    reader.GetString(1),
                    Enum.Parse<TokenKind>(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetString(4),
                    reader.GetFieldValue<DateTimeOffset>(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6))
                : null;
        }, cancellationToken);

    private static NpgsqlParameter<DateTime> Time(DateTimeOffset value) =>
        new() { TypedValue = PgTime.ToUtc(value), NpgsqlDbType = NpgsqlDbType.TimestampTz };
}
