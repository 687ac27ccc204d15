using LifeOS.Contracts;
using LifeOS.Storage;
using LifeOS.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace LifeOS.IntegrationTests.Storage;

/// <summary>The session store contract on the embedded SQLite store.</summary>
public sealed class SqliteSessionStoreTests : SessionStoreContract
{
    private readonly TempDirectory _directory = new();

    protected override Task<ISessionStore> OpenAsync() => Task.FromResult<ISessionStore>(new SqliteSessionStore(_directory.File("accounts.db")));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}

/// <summary>The share store contract on the embedded SQLite store.</summary>
public sealed class SqliteShareStoreTests : ShareStoreContract
{
    private readonly TempDirectory _directory = new();

    protected override Task<IShareStore> OpenAsync() => Task.FromResult<IShareStore>(new SqliteShareStore(_directory.File("accounts.db")));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}

/// <summary>The audit log contract on the embedded SQLite store.</summary>
public sealed class SqliteAuditLogTests : AuditLogContract
{
    private readonly TempDirectory _directory = new();

    protected override Task<IAuditLog> OpenAsync() => Task.FromResult<IAuditLog>(new SqliteAuditLog(_directory.File("accounts.db")));

    protected override Task ExecuteRawAsync(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_directory.File("accounts.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

/// <summary>The integration secret store contract on the embedded SQLite store.</summary>
public sealed class SqliteIntegrationSecretStoreTests : IntegrationSecretStoreContract
{
    private readonly TempDirectory _directory = new();

    protected override Task<IIntegrationSecretStore> OpenAsync() =>
        Task.FromResult<IIntegrationSecretStore>(new SqliteIntegrationSecretStore(_directory.File("accounts.db")));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}

/// <summary>Deletion of a user's data from the embedded SQLite store, read back from the file directly.</summary>
public sealed class SqliteLifeStoreErasureTests : LifeStoreErasureContract
{
    private readonly TempDirectory _directory = new();

    protected override Task<(ILifeStore Store, IUserDataEraser Eraser)> OpenAsync()
    {
        var store = new SqliteLifeStore(_directory.File("store.db"));
        return Task.FromResult<(ILifeStore, IUserDataEraser)>((store, store));
    }

    protected override Task<long> CountRowsAsync(string table, string user)
    {
        using var connection = new SqliteConnection($"Data Source={_directory.File("store.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE user_id = $u";
        command.Parameters.AddWithValue("$u", user);
        return Task.FromResult((long)command.ExecuteScalar()!);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

/// <summary>Deletion of an account's capture ledger from the embedded SQLite ledger, read back from the file directly.</summary>
public sealed class SqliteDeviceLedgerErasureTests : DeviceLedgerErasureContract
{
    private readonly TempDirectory _directory = new();

    protected override Task<(IDeviceLedger Ledger, IUserDataEraser Eraser)> OpenAsync()
    {
        var ledger = new SqliteDeviceLedger(_directory.File("ledger.db"));
        return Task.FromResult<(IDeviceLedger, IUserDataEraser)>((ledger, ledger));
    }

    protected override Task<long> CountRowsAsync(string table, string user)
    {
        using var connection = new SqliteConnection($"Data Source={_directory.File("ledger.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE user_id = $u";
        command.Parameters.AddWithValue("$u", user);
        return Task.FromResult((long)command.ExecuteScalar()!);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
