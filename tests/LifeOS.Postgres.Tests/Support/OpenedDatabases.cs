namespace LifeOS.Postgres.Tests.Support;

/// <summary>The <see cref="PostgresDatabase"/> objects a test opened (a reopen makes another), disposed together at the end.</summary>
internal sealed class OpenedDatabases : IAsyncDisposable
{
    private readonly List<PostgresDatabase> _databases = [];

    public PostgresDatabase Open(string connectionString, TimeSpan? retryBudget = null)
    {
        var database = new PostgresDatabase(connectionString, retryBudget: retryBudget);
        _databases.Add(database);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
            await database.DisposeAsync();
    }
}
