using System.Data.Common;
using LifeOS.Storage;

namespace LifeOS.Testing.Storage;

/// <summary>The contract every <see cref="IAuditLog"/> implementation must pass; one subclass per implementation.</summary>
public abstract class AuditLogContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private IAuditLog? _log;

    protected IAuditLog Log => _log ?? throw new InvalidOperationException("not initialised");

    protected abstract Task<IAuditLog> OpenAsync();

    /// <summary>Runs SQL straight against the log's storage, as an attacker with database access would.</summary>
    protected abstract Task ExecuteRawAsync(string sql);

    public async ValueTask InitializeAsync() => _log = await OpenAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_log is IAsyncDisposable asyncDisposable)
            await asyncDisposable.DisposeAsync();
        else
            (_log as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Entries_come_back_newest_first_for_their_user_with_every_field()
    {
        await Log.AppendAsync(new AuditEntry(0, "alice", T0, "login", null, "session s1", "10.0.0.1"));
        await Log.AppendAsync(new AuditEntry(0, "bob", T0, "login", null, null, null));
        await Log.AppendAsync(new AuditEntry(0, "alice", T0.AddMinutes(1), "share.created", "carol", "share sh1", null));

        var entries = await Log.ListAsync("alice", null, 10);
        Assert.Equal(["share.created", "login"], entries.Select(e => e.Action));
        Assert.True(entries[0].Seq > entries[1].Seq);
        Assert.Equal(new AuditEntry(entries[1].Seq, "alice", T0, "login", null, "session s1", "10.0.0.1"), entries[1]);
        Assert.Equal("carol", entries[0].Actor);
    }

    [Fact]
    public async Task Pages_continue_before_the_last_seq()
    {
        for (var i = 0; i < 7; i++)
            await Log.AppendAsync(new AuditEntry(0, "alice", T0.AddSeconds(i), $"a{i}", null, null, null));

        var first = await Log.ListAsync("alice", null, 3);
        var second = await Log.ListAsync("alice", first[^1].Seq, 3);
        var third = await Log.ListAsync("alice", second[^1].Seq, 3);
        Assert.Equal(["a6", "a5", "a4", "a3", "a2", "a1", "a0"], first.Concat(second).Concat(third).Select(e => e.Action));
    }

    [Fact]
    public async Task The_storage_itself_refuses_to_change_or_remove_entries()
    {
        await Log.AppendAsync(new AuditEntry(0, "alice", T0, "login", null, null, null));

        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteRawAsync("UPDATE audit_log SET action = 'nothing happened'"));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteRawAsync("DELETE FROM audit_log"));
        Assert.Equal("login", Assert.Single(await Log.ListAsync("alice", null, 10)).Action);
    }
}
