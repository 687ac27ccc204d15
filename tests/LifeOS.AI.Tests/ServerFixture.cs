namespace LifeOS.AI.Tests;

/// <summary>A fresh wire server per test class instance, so scripted faults and recorded requests never mix.</summary>
public abstract class ServerTest : IAsyncLifetime
{
    internal OpenAIWireServer Server { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Server = await OpenAIWireServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
