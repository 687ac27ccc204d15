using LifeOS.Contracts;
using LifeOS.Storage;

namespace LifeOS.Testing.Storage;

/// <summary>The contract every <see cref="IShareStore"/> implementation must pass; one subclass per implementation.</summary>
public abstract class ShareStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private IShareStore? _shares;

    protected IShareStore Shares => _shares ?? throw new InvalidOperationException("not initialised");

    protected abstract Task<IShareStore> OpenAsync();

    public async ValueTask InitializeAsync() => _shares = await OpenAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_shares is IAsyncDisposable asyncDisposable)
            await asyncDisposable.DisposeAsync();
        else
            (_shares as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static DataShare Share(string id, string owner = "alice", string grantee = "bob", ShareRole role = ShareRole.Viewer, string? types = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, DateTimeOffset? created = null) =>
        new(id, owner, grantee, role, types, from, to, created ?? T0);

    [Fact]
    public async Task A_share_comes_back_field_for_field_for_its_pair_only()
    {
        var share = Share("sh1", role: ShareRole.Collaborator, types: "device.health.heartrate", from: T0, to: T0.AddDays(7));
        await Shares.CreateAsync(share);
        Assert.Equal(share, await Shares.FindActiveAsync("alice", "bob"));
        Assert.Null(await Shares.FindActiveAsync("bob", "alice"));
        Assert.Null(await Shares.FindActiveAsync("alice", "carol"));
    }

    [Fact]
    public async Task A_new_share_between_the_same_pair_replaces_the_old_one()
    {
        await Shares.CreateAsync(Share("sh1"));
        await Shares.CreateAsync(Share("sh2", role: ShareRole.Owner, created: T0.AddHours(1)));
        Assert.Equal("sh2", (await Shares.FindActiveAsync("alice", "bob"))!.Id);
        Assert.Equal(["sh2"], (await Shares.ListAsync("alice")).Select(s => s.Id));
    }

    [Fact]
    public async Task Either_side_may_revoke_and_nobody_else()
    {
        await Shares.CreateAsync(Share("sh1"));
        await Shares.CreateAsync(Share("sh2", owner: "carol"));
        Assert.Null(await Shares.RevokeAsync("carol", "sh1", T0.AddHours(1)));
        Assert.Equal(T0.AddHours(1), (await Shares.RevokeAsync("bob", "sh1", T0.AddHours(1)))!.Revoked);
        Assert.Null(await Shares.RevokeAsync("alice", "sh1", T0.AddHours(2)));
        Assert.Null(await Shares.FindActiveAsync("alice", "bob"));
        Assert.NotNull(await Shares.RevokeAsync("carol", "sh2", T0.AddHours(2)));
    }

    [Fact]
    public async Task Listing_shows_active_shares_given_and_received()
    {
        await Shares.CreateAsync(Share("given"));
        await Shares.CreateAsync(Share("received", owner: "carol", grantee: "alice", created: T0.AddSeconds(1)));
        await Shares.CreateAsync(Share("others", owner: "carol", grantee: "bob"));
        await Shares.CreateAsync(Share("gone", owner: "dave", grantee: "alice"));
        await Shares.RevokeAsync("alice", "gone", T0);

        Assert.Equal(["given", "received"], (await Shares.ListAsync("alice")).Select(s => s.Id));
    }

    [Fact]
    public async Task Erasing_an_account_removes_the_shares_it_gave_and_received()
    {
        var eraser = Assert.IsAssignableFrom<IUserDataEraser>(Shares);
        await Shares.CreateAsync(Share("given"));
        await Shares.CreateAsync(Share("received", owner: "carol", grantee: "alice"));
        await Shares.CreateAsync(Share("others", owner: "carol", grantee: "bob"));

        Assert.Equal(0, (await eraser.EraseAsync(new DataSelection("alice", To: T0))).Removed);
        Assert.Equal(2, (await eraser.EraseAsync(DataSelection.Account("alice"))).Removed);
        Assert.Empty(await Shares.ListAsync("alice"));
        Assert.Equal(["others"], (await Shares.ListAsync("bob")).Select(s => s.Id));
    }
}
