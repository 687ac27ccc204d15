using LifeOS.Storage;
using LifeOS.Storage.Sqlite;

namespace LifeOS.IntegrationTests.Storage;

/// <summary>The ledger contract on the embedded SQLite ledger.</summary>
public sealed class SqliteDeviceLedgerTests : DeviceLedgerContract
{
    private readonly TempDirectory _directory = new();

    protected override Task<IDeviceLedger> OpenAsync() => Task.FromResult<IDeviceLedger>(new SqliteDeviceLedger(_directory.File("ledger.db")));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
