using LifeOS.Eventing;
using LifeOS.Eventing.Embedded;

namespace LifeOS.IntegrationTests.Eventing;

/// <summary>The event log contract on the embedded SQLite log.</summary>
public sealed class SqliteEventLogTests : EventLogContract
{
    private readonly TempDirectory _directory = new();

    protected override Task<IEventLog> OpenAsync() => Task.FromResult<IEventLog>(new SqliteEventLog(_directory.File("log.db")));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
