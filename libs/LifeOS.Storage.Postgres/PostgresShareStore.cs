using LifeOS.Contracts;
using Npgsql;
using static LifeOS.Storage.Postgres.PostgresValues;

namespace LifeOS.Storage.Postgres;

/// <summary>Shares of one user's data with another, on PostgreSQL.</summary>
public sealed class PostgresShareStore(PostgresDatabase database) : IShareStore, IUserDataEraser
{
    private const string Columns = "id, owner_id, grantee_id, role, types, from_time, to_time, created, revoked";

    public string Name => "shares";

    public int Order => ErasureOrder.AccountData;

    public Task CreateAsync(DataShare share, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("share create", async ct =>
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (var revoke = Command(connection, transaction,
                "UPDATE shares SET revoked = $3 WHERE owner_id = $1 AND grantee_id = $2 AND revoked IS NULL AND id <> $4",
                Text(share.OwnerId), Text(share.GranteeId), Time(share.Created), Text(share.Id)))
                await revoke.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await using (var insert = Command(connection, transaction, $"""
                INSERT INTO shares ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING
                """, Text(share.Id), Text(share.OwnerId), Text(share.GranteeId), Text(share.Role.ToString()), Text(share.Types),
                Time(share.From), Time(share.To), Time(share.Created), Time(share.Revoked)))
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public async Task<DataShare?> FindActiveAsync(string ownerId, string granteeId, CancellationToken cancellationToken = default) =>
        (await ReadAsync("owner_id = $1 AND grantee_id = $2 AND revoked IS NULL", ownerId, granteeId, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();

    public async Task<IReadOnlyList<DataShare>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        await ReadAsync("(owner_id = $1 OR grantee_id = $2) AND revoked IS NULL", userId, userId, cancellationToken).ConfigureAwait(false);

    public Task<DataShare?> RevokeAsync(string userId, string shareId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("share revoke", async ct =>
        {
            await using var command = Command(database.DataSource, $"""
                UPDATE shares SET revoked = $3 WHERE id = $2 AND (owner_id = $1 OR grantee_id = $1) AND revoked IS NULL RETURNING {Columns}
                """, Text(userId), Text(shareId), Time(at));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadShare(reader) : null;
        }, cancellationToken);

    public Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        if (!selection.Everything)
            return Task.FromResult(ErasureResult.Nothing(Name));

        return database.Retry.RunAsync("share delete", async ct =>
        {
            await using var command = Command(database.DataSource, "DELETE FROM shares WHERE owner_id = $1 OR grantee_id = $1", Text(selection.User));
            return new ErasureResult(Name, await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false), []);
        }, cancellationToken);
    }

    private Task<List<DataShare>> ReadAsync(string filter, string a, string b, CancellationToken cancellationToken) =>
        database.Retry.RunAsync("share lookup", async ct =>
        {
            await using var command = Command(database.DataSource, $"SELECT {Columns} FROM shares WHERE {filter} ORDER BY created, id", Text(a), Text(b));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var shares = new List<DataShare>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                shares.Add(ReadShare(reader));
            return shares;
        }, cancellationToken);

    private static DataShare ReadShare(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), Enum.Parse<ShareRole>(reader.GetString(3)), Text(reader, 4),
        Time(reader, 5), Time(reader, 6), Time(reader, 7)!.Value, Time(reader, 8));
}
