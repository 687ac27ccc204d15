using LifeOS.Storage;
using LifeOS.Storage.Sqlite;

namespace LifeOS.IntegrationTests.Storage;

/// <summary>The account store contract on the embedded SQLite store.</summary>
public sealed class SqliteAccountStoreTests : AccountStoreContract
{
    private readonly TempDirectory _directory = new();

    protected override Task<IAccountStore> OpenAsync() => Task.FromResult<IAccountStore>(new SqliteAccountStore(_directory.File("accounts.db")));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
