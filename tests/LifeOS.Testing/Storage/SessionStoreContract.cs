using LifeOS.Contracts;
using LifeOS.Storage;

namespace LifeOS.Testing.Storage;

/// <summary>The contract every <see cref="ISessionStore"/> implementation must pass; one subclass per implementation.</summary>
public abstract class SessionStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private ISessionStore? _sessions;

    protected ISessionStore Sessions => _sessions ?? throw new InvalidOperationException("not initialised");

    protected abstract Task<ISessionStore> OpenAsync();

    public async ValueTask InitializeAsync() => _sessions = await OpenAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_sessions is IAsyncDisposable asyncDisposable)
            await asyncDisposable.DisposeAsync();
        else
            (_sessions as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static RefreshGrant Refresh(string hash, string session = "s1", string user = "alice") => new(hash, session, user, T0, T0.AddDays(30));

    [Fact]
    public async Task A_session_and_its_first_refresh_token_come_back_field_for_field()
    {
        var session = new LoginSession("s1", "alice", T0);
        await Sessions.CreateAsync(session, Refresh("h1"));
        Assert.Equal(session, await Sessions.FindSessionAsync("s1"));
        Assert.Equal(Refresh("h1"), await Sessions.FindRefreshAsync("h1"));
        Assert.Null(await Sessions.FindRefreshAsync("h2"));
        Assert.Null(await Sessions.FindSessionAsync("s2"));
    }

    [Fact]
    public async Task Rotation_uses_a_token_up_once_and_stores_the_next()
    {
        await Sessions.CreateAsync(new LoginSession("s1", "alice", T0), Refresh("h1"));

        Assert.True(await Sessions.RotateAsync("h1", Refresh("h2"), T0.AddMinutes(5)));
        Assert.Equal(T0.AddMinutes(5), (await Sessions.FindRefreshAsync("h1"))!.Used);
        Assert.Null((await Sessions.FindRefreshAsync("h2"))!.Used);

        Assert.False(await Sessions.RotateAsync("h1", Refresh("h3"), T0.AddMinutes(6)));
        Assert.Null(await Sessions.FindRefreshAsync("h3"));
        Assert.False(await Sessions.RotateAsync("unknown", Refresh("h4"), T0.AddMinutes(6)));
    }

    [Fact]
    public async Task Of_concurrent_rotations_of_one_token_exactly_one_wins()
    {
        await Sessions.CreateAsync(new LoginSession("s1", "alice", T0), Refresh("h1"));
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Sessions.RotateAsync("h1", Refresh($"next-{i}"), T0))));
        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task A_revoked_session_refuses_rotation_and_revoking_all_keeps_the_named_one()
    {
        await Sessions.CreateAsync(new LoginSession("s1", "alice", T0), Refresh("h1"));
        await Sessions.CreateAsync(new LoginSession("s2", "alice", T0), Refresh("h2", "s2"));
        await Sessions.CreateAsync(new LoginSession("s3", "alice", T0), Refresh("h3", "s3"));
        await Sessions.CreateAsync(new LoginSession("b1", "bob", T0), Refresh("hb", "b1", "bob"));

        Assert.True(await Sessions.RevokeAsync("s1", T0.AddHours(1)));
        Assert.False(await Sessions.RevokeAsync("s1", T0.AddHours(2)));
        Assert.Equal(T0.AddHours(1), (await Sessions.FindSessionAsync("s1"))!.Revoked);
        Assert.False(await Sessions.RotateAsync("h1", Refresh("h1b"), T0.AddHours(1)));

        Assert.Equal(["s3"], await Sessions.RevokeAllAsync("alice", keep: "s2", T0.AddHours(3)));
        Assert.Null((await Sessions.FindSessionAsync("s2"))!.Revoked);
        Assert.Null((await Sessions.FindSessionAsync("b1"))!.Revoked);
        Assert.Equal(["s2"], await Sessions.RevokeAllAsync("alice", keep: null, T0.AddHours(4)));
    }

    [Fact]
    public async Task Erasing_an_account_removes_its_sessions_and_refresh_tokens_only()
    {
        var eraser = Assert.IsAssignableFrom<IUserDataEraser>(Sessions);
        await Sessions.CreateAsync(new LoginSession("s1", "alice", T0), Refresh("h1"));
        await Sessions.CreateAsync(new LoginSession("b1", "bob", T0), Refresh("hb", "b1", "bob"));

        Assert.Equal(0, (await eraser.EraseAsync(new DataSelection("alice", From: T0))).Removed);
        Assert.Equal(2, (await eraser.EraseAsync(DataSelection.Account("alice"))).Removed);
        Assert.Null(await Sessions.FindSessionAsync("s1"));
        Assert.Null(await Sessions.FindRefreshAsync("h1"));
        Assert.NotNull(await Sessions.FindRefreshAsync("hb"));
    }
}
