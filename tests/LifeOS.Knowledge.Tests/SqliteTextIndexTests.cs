using LifeOS.Search;
using LifeOS.Testing.Search;

namespace LifeOS.Knowledge.Tests;

/// <summary>The contract on SQLite FTS5.</summary>
public sealed class SqliteTextIndexTests : TextIndexContract
{
    private readonly LifeOS.Testing.TempDirectory _dir = new();
    private SqliteTextIndex? _index;

    protected override Task<ITextIndex> CreateAsync() => Task.FromResult<ITextIndex>(_index = new SqliteTextIndex(_dir.File("search.db")));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _index?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
