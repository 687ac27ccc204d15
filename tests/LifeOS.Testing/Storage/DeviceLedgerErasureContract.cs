using LifeOS.Contracts;
using LifeOS.Storage;

namespace LifeOS.Testing.Storage;

/// <summary>Deleting an account removes its capture ledger, read back from storage directly; narrower deletions keep it.</summary>
public abstract class DeviceLedgerErasureContract : IAsyncLifetime
{
    private static readonly string[] Tables = ["seq_runs", "client_ids", "devices"];
    private (IDeviceLedger Ledger, IUserDataEraser Eraser)? _opened;

    protected IDeviceLedger Ledger => _opened?.Ledger ?? throw new InvalidOperationException("not initialised");

    protected IUserDataEraser Eraser => _opened?.Eraser ?? throw new InvalidOperationException("not initialised");

    protected abstract Task<(IDeviceLedger Ledger, IUserDataEraser Eraser)> OpenAsync();

    /// <summary>Counts a user's rows in one ledger table, read straight from the storage.</summary>
    protected abstract Task<long> CountRowsAsync(string table, string user);

    public async ValueTask InitializeAsync() => _opened = await OpenAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_opened?.Ledger is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Erasing_an_account_removes_its_ledger_and_a_range_erasure_keeps_it()
    {
        foreach (var user in new[] { "alice", "bob" })
            await Ledger.RecordAsync(user, [new EventIdentity("watch", 1, "id-1"), new EventIdentity("watch", 2, null), new EventIdentity("watch", 5, null)]);

        Assert.Equal(0, (await Eraser.EraseAsync(new DataSelection("alice", From: Events.Start))).Removed);
        Assert.NotNull(await Ledger.GetAsync("alice", "watch"));

        var removed = (await Eraser.EraseAsync(DataSelection.Account("alice"))).Removed;
        Assert.Equal(4, removed);
        foreach (var table in Tables)
            Assert.Equal(0, await CountRowsAsync(table, "alice"));
        Assert.Null(await Ledger.GetAsync("alice", "watch"));
        var accepted = await Ledger.FindAcceptedAsync("alice", [new EventIdentity("watch", 1, "id-1")]);
        Assert.False(Assert.Single(accepted));
        Assert.Equal(3, (await Ledger.GetAsync("bob", "watch"))!.Received);
    }
}
