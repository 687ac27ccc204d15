using LifeOS.Postgres.Tests.Support;

namespace LifeOS.Postgres.Tests.Contracts;

/// <summary>The ledger contract on PostgreSQL.</summary>
public sealed class PostgresDeviceLedgerTests(PostgresServer server) : DeviceLedgerContract
{
    private readonly OpenedDatabases _opened = new();
    private string? _connectionString;

    protected override async Task<IDeviceLedger> OpenAsync()
    {
        _connectionString ??= await TestDatabases.CreateMigratedAsync(server);
        return new PostgresDeviceLedger(_opened.Open(_connectionString));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _opened.DisposeAsync();
    }
}
