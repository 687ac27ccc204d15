using LifeOS.Postgres.Tests.Support;

namespace LifeOS.Postgres.Tests.Contracts;

/// <summary>The account store contract on PostgreSQL.</summary>
public sealed class PostgresAccountStoreTests(PostgresServer server) : AccountStoreContract
{
    private readonly OpenedDatabases _opened = new();
    private string? _connectionString;

    protected override async Task<IAccountStore> OpenAsync()
    {
        _connectionString ??= await TestDatabases.CreateMigratedAsync(server);
        return new PostgresAccountStore(_opened.Open(_connectionString));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _opened.DisposeAsync();
    }
}
