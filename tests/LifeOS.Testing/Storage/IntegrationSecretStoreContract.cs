using LifeOS.Contracts;
using LifeOS.Storage;

namespace LifeOS.Testing.Storage;

/// <summary>The contract every <see cref="IIntegrationSecretStore"/> implementation must pass; one subclass per implementation.</summary>
public abstract class IntegrationSecretStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private IIntegrationSecretStore? _secrets;

    protected IIntegrationSecretStore Secrets => _secrets ?? throw new InvalidOperationException("not initialised");

    protected abstract Task<IIntegrationSecretStore> OpenAsync();

    public async ValueTask InitializeAsync() => _secrets = await OpenAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_secrets is IAsyncDisposable asyncDisposable)
            await asyncDisposable.DisposeAsync();
        else
            (_secrets as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Secrets_are_kept_per_user_and_name_and_a_put_replaces()
    {
        await Secrets.PutAsync("alice", "calendar", [1, 2, 3], T0);
        await Secrets.PutAsync("alice", "calendar", [4, 5], T0.AddMinutes(1));
        await Secrets.PutAsync("bob", "calendar", [9], T0);

        Assert.Equal([4, 5], await Secrets.GetAsync("alice", "calendar"));
        Assert.Equal([9], await Secrets.GetAsync("bob", "calendar"));
        Assert.Null(await Secrets.GetAsync("alice", "mail"));
        Assert.Equal([new IntegrationSecretInfo("calendar", T0.AddMinutes(1))], await Secrets.ListAsync("alice"));
    }

    [Fact]
    public async Task Deleting_one_or_erasing_the_account_removes_only_that_users_secrets()
    {
        var eraser = Assert.IsAssignableFrom<IUserDataEraser>(Secrets);
        await Secrets.PutAsync("alice", "calendar", [1], T0);
        await Secrets.PutAsync("alice", "mail", [2], T0);
        await Secrets.PutAsync("bob", "mail", [3], T0);

        Assert.True(await Secrets.DeleteAsync("alice", "calendar"));
        Assert.False(await Secrets.DeleteAsync("alice", "calendar"));
        Assert.Equal(0, (await eraser.EraseAsync(new DataSelection("alice", From: T0))).Removed);
        Assert.Equal(1, (await eraser.EraseAsync(DataSelection.Account("alice"))).Removed);
        Assert.Empty(await Secrets.ListAsync("alice"));
        Assert.Equal([3], await Secrets.GetAsync("bob", "mail"));
    }
}
