using LifeOS.Storage;
using LifeOS.Storage.Sqlite;

namespace LifeOS.IntegrationTests.Storage;

/// <summary>The store contract on the embedded SQLite store.</summary>
public sealed class SqliteLifeStoreTests : LifeStoreContract
{
    private readonly TempDirectory _directory = new();

    protected override Task<ILifeStore> OpenAsync() => Task.FromResult<ILifeStore>(new SqliteLifeStore(_directory.File("store.db")));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
