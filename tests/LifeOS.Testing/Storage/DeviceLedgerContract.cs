using LifeOS.Storage;

namespace LifeOS.Testing.Storage;

/// <summary>The contract every <see cref="IDeviceLedger"/> implementation must pass.</summary>
public abstract class DeviceLedgerContract : IAsyncLifetime
{
    private IDeviceLedger? _ledger;

    protected IDeviceLedger Ledger => _ledger ?? throw new InvalidOperationException("not initialised");

    protected abstract Task<IDeviceLedger> OpenAsync();

    public async ValueTask InitializeAsync() => _ledger = await OpenAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_ledger is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected async Task ReopenAsync()
    {
        if (_ledger is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
        _ledger = await OpenAsync();
    }

    private static EventIdentity[] Seqs(string device, params long[] seqs) => [.. seqs.Select(s => new EventIdentity(device, s, null))];

    [Fact]
    public async Task Recorded_seqs_and_client_ids_are_found_as_accepted()
    {
        await Ledger.RecordAsync("u1", [new EventIdentity("watch", 1, null), new EventIdentity("watch", 2, "client-a")]);

        var found = await Ledger.FindAcceptedAsync("u1", [
            new EventIdentity("watch", 1, null),
            new EventIdentity("watch", 3, null),
            new EventIdentity("watch", 99, "client-a"),
            new EventIdentity("phone", 1, null),
        ]);

        Assert.Equal([true, false, true, false], found);
    }

    [Fact]
    public async Task Users_have_separate_ledgers()
    {
        await Ledger.RecordAsync("u1", Seqs("watch", 1, 2, 3));
        var found = await Ledger.FindAcceptedAsync("u2", Seqs("watch", 1, 2));
        Assert.Equal([false, false], found);
        Assert.Null(await Ledger.GetAsync("u2", "watch"));
    }

    [Fact]
    public async Task The_ledger_reports_high_seq_received_and_gaps()
    {
        await Ledger.RecordAsync("u1", Seqs("watch", 1, 2, 5));
        await Ledger.RecordAsync("u1", Seqs("watch", 9, 5, 2));

        var view = await Ledger.GetAsync("u1", "watch");

        Assert.NotNull(view);
        Assert.Equal(1, view.LowSeq);
        Assert.Equal(9, view.HighSeq);
        Assert.Equal(4, view.Received);
        Assert.Equal([new SeqGap(3, 4), new SeqGap(6, 8)], view.Gaps);
        Assert.Equal(9, (await Ledger.GetHighSeqsAsync("u1", ["watch", "unknown"]))["watch"]);
        Assert.False((await Ledger.GetHighSeqsAsync("u1", ["unknown"])).ContainsKey("unknown"));
    }

    [Fact]
    public async Task A_filled_gap_disappears_and_a_complete_device_has_none()
    {
        await Ledger.RecordAsync("u1", Seqs("watch", 1, 3));
        Assert.Single((await Ledger.GetAsync("u1", "watch"))!.Gaps);
        await Ledger.RecordAsync("u1", Seqs("watch", 2));
        var view = await Ledger.GetAsync("u1", "watch");
        Assert.Empty(view!.Gaps);
        Assert.Equal(3, view.Received);
    }

    [Fact]
    public async Task Concurrent_recorders_lose_nothing_and_the_ledger_survives_a_restart()
    {
        await Parallel.ForAsync(0, 20, async (i, ct) =>
            await Ledger.RecordAsync("u1", Seqs($"d{i % 4}", Enumerable.Range(i * 50, 50).Select(s => (long)s).ToArray()), ct));

        await ReopenAsync();
        long total = 0;
        for (var d = 0; d < 4; d++)
            total += (await Ledger.GetAsync("u1", $"d{d}"))!.Received;
        Assert.Equal(1000, total);
        Assert.All(await Ledger.FindAcceptedAsync("u1", Seqs("d1", 50, 51, 99)), Assert.True);
    }

    [Fact]
    public async Task Overlapping_records_merge_and_count_each_seq_once()
    {
        await Ledger.RecordAsync("u1", Seqs("watch", [.. Enumerable.Range(1, 10).Select(i => (long)i)]));
        await Ledger.RecordAsync("u1", Seqs("watch", [.. Enumerable.Range(20, 11).Select(i => (long)i)]));
        await Ledger.RecordAsync("u1", Seqs("watch", 40, 42));
        Assert.Equal([new SeqGap(11, 19), new SeqGap(31, 39), new SeqGap(41, 41)], (await Ledger.GetAsync("u1", "watch"))!.Gaps);

        await Ledger.RecordAsync("u1", Seqs("watch", [.. Enumerable.Range(5, 21).Select(i => (long)i), 10, 41]));

        var view = await Ledger.GetAsync("u1", "watch");
        Assert.Equal([new SeqGap(31, 39)], view!.Gaps);
        Assert.Equal(33, view.Received);
        var found = await Ledger.FindAcceptedAsync("u1", Seqs("watch", 1, 30, 35, 42));
        Assert.Equal([true, true, false, true], found);
    }
}
