using System.Data.Common;
using LifeOS.Contracts;
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

    [Fact]
    public async Task Created_users_are_found_by_id_and_by_login_in_any_case_and_a_taken_login_is_refused()
    {
        var alice = new UserAccount("u_alice", "alice", "Alice", "hash-1", Created);
        Assert.True(await Accounts.CreateUserAsync(alice));
        Assert.False(await Accounts.CreateUserAsync(alice with { Id = "u_other" }));
        Assert.False(await Accounts.CreateUserAsync(alice with { Login = "someone-else" }));

        Assert.Equal(alice, await Accounts.FindUserAsync("u_alice"));
        Assert.Equal(alice, await Accounts.FindUserByLoginAsync("ALICE"));
        Assert.Null(await Accounts.FindUserByLoginAsync("someone-else"));
        Assert.Null(await Accounts.FindUserAsync("u_other"));
    }

    [Fact]
    public async Task An_ensured_user_logs_in_by_its_id_and_gets_its_first_password_later()
    {
        await Accounts.EnsureUserAsync("Owner", "Owner");
        var owner = await Accounts.FindUserByLoginAsync("owner");
        Assert.Equal(("Owner", null), (owner!.Id, owner.PasswordHash));

        Assert.True(await Accounts.SetPasswordHashAsync("Owner", "new-hash"));
        Assert.False(await Accounts.SetPasswordHashAsync("nobody", "new-hash"));
        Assert.Equal("new-hash", (await Accounts.FindUserAsync("Owner"))!.PasswordHash);
    }

    [Fact]
    public async Task Scopes_event_types_expiry_and_last_use_come_back_and_last_use_only_moves_forward()
    {
        await Accounts.EnsureUserAsync("alice", "Alice");
        var grant = new TokenGrant(new string('7', 64), "alice", TokenKind.Device, "watch", "watch", Created,
            Scope: "ingest", EventTypes: "device.health.heartrate device.sensor.gps", Expires: Created.AddDays(30));
        await Accounts.SaveTokenAsync(grant);
        Assert.Equal(grant, await Accounts.FindTokenAsync(grant.Hash));

        await Accounts.TouchTokenAsync(grant.Hash, Created.AddHours(2));
        await Accounts.TouchTokenAsync(grant.Hash, Created.AddHours(1));
        Assert.Equal(Created.AddHours(2), (await Accounts.FindTokenAsync(grant.Hash))!.LastSeen);
    }

    [Fact]
    public async Task Revoking_by_id_by_device_or_all_touches_only_that_users_active_grants()
    {
        await Accounts.EnsureUserAsync("alice", "Alice");
        await Accounts.EnsureUserAsync("bob", "Bob");
        var pat = Grant(new string('1', 64));
        var watch1 = Grant(new string('2', 64), kind: TokenKind.Device, device: "watch");
        var watch2 = Grant(new string('3', 64), kind: TokenKind.Device, device: "watch");
        var phone = Grant(new string('4', 64), kind: TokenKind.Device, device: "phone");
        var bobs = Grant(new string('5', 64), user: "bob", kind: TokenKind.Device, device: "watch");
        foreach (var grant in new[] { pat, watch1, watch2, phone, bobs })
            await Accounts.SaveTokenAsync(grant);
        var at = Created.AddDays(1);

        var byDevice = await Accounts.RevokeTokensAsync("alice", new TokenSelector(Device: "watch"), at);
        Assert.Equal([watch1.Hash, watch2.Hash], byDevice.Select(g => g.Hash).Order());
        Assert.All(byDevice, g => Assert.Equal(at, g.Revoked));
        Assert.Empty(await Accounts.RevokeTokensAsync("alice", new TokenSelector(Device: "watch"), at));
        Assert.Empty(await Accounts.RevokeTokensAsync("bob", new TokenSelector(Id: pat.Id), at));

        var byId = Assert.Single(await Accounts.RevokeTokensAsync("alice", new TokenSelector(Id: pat.Id), at));
        Assert.Equal(pat.Hash, byId.Hash);
        Assert.Equal(phone.Hash, Assert.Single(await Accounts.RevokeTokensAsync("alice", TokenSelector.All, at)).Hash);

        Assert.Null((await Accounts.FindTokenAsync(bobs.Hash))!.Revoked);
        var listed = await Accounts.ListTokensAsync("alice");
        Assert.Equal(4, listed.Count);
        Assert.All(listed, g => Assert.Equal(at, g.Revoked));
        Assert.Single(await Accounts.ListTokensAsync("bob"));
    }

    [Fact]
    public async Task Erasing_an_account_removes_its_user_and_grants_and_a_narrower_erasure_removes_nothing()
    {
        var eraser = Assert.IsAssignableFrom<IUserDataEraser>(Accounts);
        await Accounts.EnsureUserAsync("alice", "Alice");
        await Accounts.EnsureUserAsync("bob", "Bob");
        await Accounts.SaveTokenAsync(Grant(new string('a', 64)));
        await Accounts.SaveTokenAsync(Grant(new string('b', 64), user: "bob"));

        Assert.Equal(0, (await eraser.EraseAsync(new DataSelection("alice", Types: ["device.health.heartrate"]))).Removed);
        Assert.NotNull(await Accounts.FindUserAsync("alice"));

        Assert.Equal(2, (await eraser.EraseAsync(DataSelection.Account("alice"))).Removed);
        Assert.Null(await Accounts.FindUserAsync("alice"));
        Assert.Null(await Accounts.FindTokenAsync(new string('a', 64)));
        Assert.NotNull(await Accounts.FindTokenAsync(new string('b', 64)));
    }
}
