using LifeOS.Contracts;

using static LifeOS.Storage.Sqlite.SqliteValues;

namespace LifeOS.Storage.Sqlite;

/// <summary>The embedded store of integration secrets (ciphertext only) in SQLite.</summary>
public sealed class SqliteIntegrationSecretStore : IIntegrationSecretStore, IUserDataEraser
{
    private readonly SqliteFile _file;

    public SqliteIntegrationSecretStore(string path)
    {
        _file = new SqliteFile(path);
        using var connection = _file.OpenWriter();
        SqliteFile.Execute(connection, """
            CREATE TABLE IF NOT EXISTS integration_secrets(
                user_id TEXT NOT NULL, name TEXT NOT NULL, ciphertext BLOB NOT NULL, updated INTEGER NOT NULL,
                PRIMARY KEY(user_id, name)) WITHOUT ROWID;
            """);
    }

    public string Name => "integration-secrets";

    public int Order => ErasureOrder.AccountData;

    public Task PutAsync(string userId, string name, byte[] ciphertext, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var command = Command(connection, """
            INSERT INTO integration_secrets(user_id, name, ciphertext, updated) VALUES ($u, $n, $c, $t)
            ON CONFLICT(user_id, name) DO UPDATE SET ciphertext = excluded.ciphertext, updated = excluded.updated
            """, ("$u", userId), ("$n", name), ("$c", ciphertext), ("$t", Time(at)));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<byte[]?> GetAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        using var command = Command(connection, "SELECT ciphertext FROM integration_secrets WHERE user_id = $u AND name = $n", ("$u", userId), ("$n", name));
        return Task.FromResult(command.ExecuteScalar() as byte[]);
    }

    public Task<IReadOnlyList<IntegrationSecretInfo>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        using var command = Command(connection, "SELECT name, updated FROM integration_secrets WHERE user_id = $u ORDER BY name", ("$u", userId));
        using var reader = command.ExecuteReader();
        var list = new List<IntegrationSecretInfo>();
        while (reader.Read())
            list.Add(new IntegrationSecretInfo(reader.GetString(0), Time(reader, 1)!.Value));
        return Task.FromResult<IReadOnlyList<IntegrationSecretInfo>>(list);
    }

    public Task<bool> DeleteAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var command = Command(connection, "DELETE FROM integration_secrets WHERE user_id = $u AND name = $n", ("$u", userId), ("$n", name));
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    public Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        if (!selection.Everything)
            return Task.FromResult(ErasureResult.Nothing(Name));

        using var connection = _file.OpenWriter();
        using var command = Command(connection, "DELETE FROM integration_secrets WHERE user_id = $u", ("$u", selection.User));
        return Task.FromResult(new ErasureResult(Name, command.ExecuteNonQuery(), []));
    }
}
