using LifeOS.Contracts;

using static LifeOS.Storage.Postgres.PostgresValues;

namespace LifeOS.Storage.Postgres;

/// <summary>Integration secrets (ciphertext only) on PostgreSQL.</summary>
public sealed class PostgresIntegrationSecretStore(PostgresDatabase database) : IIntegrationSecretStore, IUserDataEraser
{
    public string Name => "integration-secrets";

    public int Order => ErasureOrder.AccountData;

    public Task PutAsync(string userId, string name, byte[] ciphertext, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("secret put", async ct =>
        {
            await using var command = Command(database.DataSource, """
                INSERT INTO integration_secrets (user_id, name, ciphertext, updated) VALUES ($1, $2, $3, $4)
                ON CONFLICT (user_id, name) DO UPDATE SET ciphertext = excluded.ciphertext, updated = excluded.updated
                """, Text(userId), Text(name), Bytes(ciphertext), Time(at));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<byte[]?> GetAsync(string userId, string name, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("secret get", async ct =>
        {
            await using var command = Command(database.DataSource,
                "SELECT ciphertext FROM integration_secrets WHERE user_id = $1 AND name = $2", Text(userId), Text(name));
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as byte[];
        }, cancellationToken);

    public Task<IReadOnlyList<IntegrationSecretInfo>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("secret list", async ct =>
        {
            await using var command = Command(database.DataSource,
                "SELECT name, updated FROM integration_secrets WHERE user_id = $1 ORDER BY name", Text(userId));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var list = new List<IntegrationSecretInfo>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                list.Add(new IntegrationSecretInfo(reader.GetString(0), Time(reader, 1)!.Value));
            return (IReadOnlyList<IntegrationSecretInfo>)list;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string userId, string name, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("secret delete", async ct =>
        {
            await using var command = Command(database.DataSource,
                "DELETE FROM integration_secrets WHERE user_id = $1 AND name = $2", Text(userId), Text(name));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);

    public Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        if (!selection.Everything)
            return Task.FromResult(ErasureResult.Nothing(Name));

        return database.Retry.RunAsync("secret erase", async ct =>
        {
            await using var command = Command(database.DataSource, "DELETE FROM integration_secrets WHERE user_id = $1", Text(selection.User));
            return new ErasureResult(Name, await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false), []);
        }, cancellationToken);
    }
}
