using LifeOS.Contracts;
using LifeOS.Postgres.Tests.Support;
using Npgsql;

namespace LifeOS.Postgres.Tests.Contracts;

/// <summary>The session store contract on PostgreSQL.</summary>
public sealed class PostgresSessionStoreTests(PostgresServer server) : SessionStoreContract
{
    private readonly OpenedDatabases _opened = new();

    protected override async Task<ISessionStore> OpenAsync() =>
        new PostgresSessionStore(_opened.Open(await TestDatabases.CreateMigratedAsync(server)));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _opened.DisposeAsync();
    }
}

/// <summary>The share store contract on PostgreSQL.</summary>
public sealed class PostgresShareStoreTests(PostgresServer server) : ShareStoreContract
{
    private readonly OpenedDatabases _opened = new();

    protected override async Task<IShareStore> OpenAsync() =>
        new PostgresShareStore(_opened.Open(await TestDatabases.CreateMigratedAsync(server)));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _opened.DisposeAsync();
    }
}

/// <summary>The audit log contract on PostgreSQL.</summary>
public sealed class PostgresAuditLogTests(PostgresServer server) : AuditLogContract
{
    private readonly OpenedDatabases _opened = new();
    private string _connectionString = "";

    protected override async Task<IAuditLog> OpenAsync()
    {
        _connectionString = await TestDatabases.CreateMigratedAsync(server);
        return new PostgresAuditLog(_opened.Open(_connectionString));
    }

    protected override Task ExecuteRawAsync(string sql) => TestDatabases.ExecuteAsync(_connectionString, sql);

    [Fact]
    public async Task Truncate_is_refused_too()
    {
        await Log.AppendAsync(new AuditEntry(0, "alice", DateTimeOffset.UtcNow, "login", null, null, null));
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteRawAsync("TRUNCATE audit_log"));
        Assert.Single(await Log.ListAsync("alice", null, 10));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _opened.DisposeAsync();
    }
}

/// <summary>The integration secret store contract on PostgreSQL.</summary>
public sealed class PostgresIntegrationSecretStoreTests(PostgresServer server) : IntegrationSecretStoreContract
{
    private readonly OpenedDatabases _opened = new();

    protected override async Task<IIntegrationSecretStore> OpenAsync() =>
        new PostgresIntegrationSecretStore(_opened.Open(await TestDatabases.CreateMigratedAsync(server)));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _opened.DisposeAsync();
    }
}

/// <summary>Deletion of a user's data from the PostgreSQL store, read back from the tables directly.</summary>
public sealed class PostgresLifeStoreErasureTests(PostgresServer server) : LifeStoreErasureContract
{
    private readonly OpenedDatabases _opened = new();
    private string _connectionString = "";

    protected override async Task<(ILifeStore Store, IUserDataEraser Eraser)> OpenAsync()
    {
        _connectionString = await TestDatabases.CreateMigratedAsync(server);
        var database = _opened.Open(_connectionString);
        return (new PostgresLifeStore(database), new PostgresDataEraser(database));
    }

    protected override async Task<long> CountRowsAsync(string table, string user)
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {table} WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _opened.DisposeAsync();
    }
}

/// <summary>Deletion of an account's capture ledger on PostgreSQL, read back from the tables directly.</summary>
public sealed class PostgresDeviceLedgerErasureTests(PostgresServer server) : DeviceLedgerErasureContract
{
    private readonly OpenedDatabases _opened = new();
    private string _connectionString = "";

    protected override async Task<(IDeviceLedger Ledger, IUserDataEraser Eraser)> OpenAsync()
    {
        _connectionString = await TestDatabases.CreateMigratedAsync(server);
        var database = _opened.Open(_connectionString);
        return (new PostgresDeviceLedger(database), new PostgresLedgerEraser(database));
    }

    protected override async Task<long> CountRowsAsync(string table, string user)
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {table} WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _opened.DisposeAsync();
    }
}

/// <summary>The shared Data Protection key ring on PostgreSQL: elements come back, and a stored name keeps its first element.</summary>
public sealed class PostgresDataProtectionKeyStoreTests(PostgresServer server) : IAsyncLifetime
{
    private readonly OpenedDatabases _opened = new();
    private PostgresDataProtectionKeyStore _keys = null!;

    public async ValueTask InitializeAsync() =>
        _keys = new PostgresDataProtectionKeyStore(_opened.Open(await TestDatabases.CreateMigratedAsync(server)));

    public async ValueTask DisposeAsync() => await _opened.DisposeAsync();

    [Fact]
    public void Keys_are_kept_by_name_and_never_replaced()
    {
        Assert.Empty(_keys.GetAll());
        _keys.Store("key-1", "<key id=\"1\" />");
        _keys.Store("key-2", "<key id=\"2\" />");
        _keys.Store("key-1", "<key id=\"forged\" />");
        Assert.Equal(["<key id=\"1\" />", "<key id=\"2\" />"], _keys.GetAll());
    }
}
