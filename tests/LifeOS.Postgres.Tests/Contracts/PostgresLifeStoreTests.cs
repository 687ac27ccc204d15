using LifeOS.Postgres.Tests.Support;

namespace LifeOS.Postgres.Tests.Contracts;

/// <summary>The store contract on PostgreSQL; a reopen is a new <see cref="PostgresDatabase"/> (new pools) on the same database.</summary>
public sealed class PostgresLifeStoreTests(PostgresServer server) : LifeStoreContract
{
    private readonly OpenedDatabases _opened = new();
    private string? _connectionString;

    protected override async Task<ILifeStore> OpenAsync()
    {
        _connectionString ??= await TestDatabases.CreateMigratedAsync(server);
        return new PostgresLifeStore(_opened.Open(_connectionString));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _opened.DisposeAsync();
    }
}
