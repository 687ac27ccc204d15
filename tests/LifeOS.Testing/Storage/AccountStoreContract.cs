using System.Data.Common;
using LifeOS.Storage;

namespace LifeOS.Testing.Storage;

/// <summary>The contract every <see cref="IAccountStore"/> implementation must pass; one subclass per implementation.</summary>
public abstract class AccountStoreContract : IAsyncLifetime
{
    private IAccountStore? _accounts;

    protected IAccountStore Accounts => _accounts ?? throw new InvalidOperationException("not initialised");

    protected abstract Task<IAccountStore> OpenAsync();

    public async ValueTask InitializeAsync() => _accounts = await OpenAsync();

    public virtual async ValueTask DisposeAsync()
    {
        await DisposeStoreAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Simulates a restart: the old store object is gone, a new one opens the same storage.</summary>
    protected async Task ReopenAsync()
    {
        await DisposeStoreAsync();
        _accounts = await OpenAsync();
    }

    private async Task DisposeStoreAsync()
    {
        if (_accounts is IAsyncDisposable asyncDisposable)
            await asyncDisposable.DisposeAsync();
        else
            (_accounts as IDisposable)?.Dispose();
    }

    // Whole microseconds: the precision every store keeps.
    private static readonly DateTimeOffset Created = new DateTimeOffset(2026, 11, 22, 8, 30, 15, TimeSpan.Zero).AddTicks(1_234_560);

    private static TokenGrant Grant(string hash, string user = "alice", TokenKind kind = TokenKind.User, string? device = null, DateTimeOffset? revoked = null) =>
        new(hash, user, kind, device, $"{kind} token", Created, revoked);

    [Fact]
    public async Task A_fresh_store_has_no_users_and_one_ensured_user_is_enough()
    {
        Assert.False(await Accounts.AnyUserAsync());
        Assert.Equal("alice", await Accounts.EnsureUserAsync("alice", "Alice"));
        Assert.True(await Accounts.AnyUserAsync());
    }

    [Fact]
    public async Task Ensuring_a_user_twice_keeps_one_user()
    {
        Assert.Equal("alice", await Accounts.EnsureUserAsync("alice", "Alice"));
        Assert.Equal("alice", await Accounts.EnsureUserAsync("alice", "Another name"));
        await Accounts.SaveTokenAsync(Grant(new string('1', 64)));
        Assert.NotNull(await Accounts.FindTokenAsync(new string('1', 64)));
    }

    [Fact]
    public async Task Saved_grants_come_back_field_for_field()
    {
        await Accounts.EnsureUserAsync("alice", "Alice");
        var user = Grant(new string('a', 64));
        var device = Grant(new string('b', 64), kind: TokenKind.Device, device: "watch/left", revoked: Created.AddDays(2));
        await Accounts.SaveTokenAsync(user);
        await Accounts.SaveTokenAsync(device);

        Assert.Equal(user, await Accounts.FindTokenAsync(user.Hash));
        Assert.Equal(device, await Accounts.FindTokenAsync(device.Hash));
        Assert.Null(await Accounts.FindTokenAsync(new string('c', 64)));
    }

    [Fact]
    public async Task Saving_an_existing_hash_keeps_the_first_grant()
    {
        await Accounts.EnsureUserAsync("alice", "Alice");
        await Accounts.EnsureUserAsync("bob", "Bob");
        var first = Grant(new string('d', 64));
        await Accounts.SaveTokenAsync(first);
        await Accounts.SaveTokenAsync(Grant(first.Hash, user: "bob", kind: TokenKind.Device, device: "phone", revoked: Created));

        Assert.Equal(first, await Accounts.FindTokenAsync(first.Hash));
    }

    [Fact]
    public async Task Times_are_kept_in_utc_to_the_microsecond()
    {
        await Accounts.EnsureUserAsync("alice", "Alice");
        // 100 ns ticks below a microsecond are dropped; an offset is kept as the same instant in UTC.
        var local = new DateTimeOffset(2026, 11, 22, 10, 30, 15, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        await Accounts.SaveTokenAsync(new TokenGrant(new string('e', 64), "alice", TokenKind.User, null, "n", local));

        var found = await Accounts.FindTokenAsync(new string('e', 64));
        Assert.Equal(Created, found!.Created);
        Assert.Equal(TimeSpan.Zero, found.Created.Offset);
    }

    [Fact]
    public async Task A_grant_for_an_unknown_user_is_refused()
    {
        await Assert.ThrowsAnyAsync<DbException>(() => Accounts.SaveTokenAsync(Grant(new string('f', 64), user: "nobody")));
        Assert.Null(await Accounts.FindTokenAsync(new string('f', 64)));
    }

    [Fact]
    public async Task Users_and_grants_survive_reopening_the_store()
    {
        await Accounts.EnsureUserAsync("alice", "Alice");
        await Accounts.SaveTokenAsync(Grant(new string('9', 64)));
        await ReopenAsync();
        Assert.True(await Accounts.AnyUserAsync());
        Assert.Equal("alice", (await Accounts.FindTokenAsync(new string('9', 64)))!.UserId);
    }
}
