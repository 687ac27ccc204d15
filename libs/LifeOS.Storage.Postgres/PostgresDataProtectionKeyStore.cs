using static LifeOS.Storage.Postgres.PostgresValues;

namespace LifeOS.Storage.Postgres;

/// <summary>The shared Data Protection key ring on PostgreSQL, so every replica can read what another protected.</summary>
/// <remarks>Synchronous because the framework's key repository interface is; it is read rarely (key ring refreshes).</remarks>
public sealed class PostgresDataProtectionKeyStore(PostgresDatabase database) : IDataProtectionKeyStore
{
    public IReadOnlyList<string> GetAll() =>
        database.Retry.RunAsync("key ring read", async ct =>
        {
            await using var command = database.DataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY name");
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var keys = new List<string>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                keys.Add(reader.GetString(0));
            return (IReadOnlyList<string>)keys;
        }, CancellationToken.None).GetAwaiter().GetResult();

    public void Store(string name, string xml) =>
        database.Retry.RunAsync("key ring write", async ct =>
        {
            await using var command = Command(database.DataSource,
                "INSERT INTO data_protection_keys (name, xml) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", Text(name), Text(xml));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, CancellationToken.None).GetAwaiter().GetResult();
}
