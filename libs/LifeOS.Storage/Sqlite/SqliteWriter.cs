using Microsoft.Data.Sqlite;

namespace LifeOS.Storage.Sqlite;

/// <summary>One writer at a time on one SQLite file, each on a durable writer connection: SQLite would serialise the
/// writes anyway, and waiting here beats SQLITE_BUSY retries.</summary>
public sealed class SqliteWriter(SqliteFile file) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = file.OpenWriter();
            return write(connection);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
