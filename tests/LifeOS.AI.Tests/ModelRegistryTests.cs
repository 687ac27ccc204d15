using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.AI.Tests;

/// <summary>AddModelClients: a model is there only when configured; otherwise the answer is why not, never output.</summary>
public sealed class ModelRegistryTests : ServerTest
{
    [Fact]
    public void With_nothing_configured_there_are_no_clients_and_the_reason_names_the_settings()
    {
        using var services = Build([]);
        var registry = services.GetRequiredService<ModelRegistry>();

        Assert.False(registry.Chat.IsConfigured);
        Assert.False(registry.Embeddings.IsConfigured);
        Assert.Contains("ConnectionStrings:chat", registry.Chat.Description, StringComparison.Ordinal);
        Assert.Contains("LifeOS:AI:Embeddings", registry.Embeddings.Description, StringComparison.Ordinal);
        Assert.Null(services.GetService<IChatClient>());
        Assert.Null(services.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        var error = Assert.Throws<ModelNotConfiguredException>(registry.Chat.GetRequired);
        Assert.Equal(ModelCapability.Chat, error.Capability);
        Assert.StartsWith("No chat model is configured", error.Message, StringComparison.Ordinal);
        Assert.False(registry.Embeddings.TryGet(out _));
    }

    [Fact]
    public async Task A_connection_string_configures_a_working_chat_client()
    {
        using var services = Build(new() { ["ConnectionStrings:chat"] = $"Endpoint={Server.Endpoint};Key={OpenAIWireServer.ApiKey};Model=cs-model" });

        var client = services.GetRequiredService<IChatClient>();
        var response = await client.GetResponseAsync("via connection string", cancellationToken: Ct);

        Assert.Equal("You said: via connection string", response.Text);
        Assert.Equal("cs-model", response.ModelId);
        Assert.Contains("cs-model", services.GetRequiredService<ModelRegistry>().Chat.Description, StringComparison.Ordinal);
        Assert.False(services.GetRequiredService<ModelRegistry>().Embeddings.IsConfigured);
    }

    [Fact]
    public async Task A_settings_section_configures_a_working_embedding_generator()
    {
        using var services = Build(new()
        {
            ["LifeOS:AI:Embeddings:Endpoint"] = Server.Endpoint.ToString(),
            ["LifeOS:AI:Embeddings:Key"] = OpenAIWireServer.ApiKey,
            ["LifeOS:AI:Embeddings:Model"] = "section-model",
            ["LifeOS:AI:Embeddings:Timeout"] = "5",
        });

        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var vector = await generator.GenerateVectorAsync("from settings", cancellationToken: Ct);

        Assert.Equal(OpenAIWireServer.BagOfWords("from settings"), vector.ToArray());
        Assert.Same(services.GetRequiredService<ModelRegistry>().Embeddings.Client, generator);
    }

    [Fact]
    public void A_connection_string_wins_over_the_settings_section()
    {
        using var services = Build(new()
        {
            ["ConnectionStrings:chat"] = "Endpoint=http://127.0.0.1:1/v1;Model=from-connection-string",
            ["LifeOS:AI:Chat:Endpoint"] = "http://127.0.0.1:1/v1",
            ["LifeOS:AI:Chat:Model"] = "from-section",
        });

        Assert.Contains("from-connection-string", services.GetRequiredService<ModelRegistry>().Chat.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_settings_fail_at_registration_not_at_first_use()
    {
        var error = Assert.Throws<FormatException>(() => Build(new() { ["ConnectionStrings:embeddings"] = "Endpoint=https://x/v1" }));
        Assert.Contains("'Model' is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registry_with_no_sources_says_to_register_them()
    {
        var registry = new ModelRegistry([], new ServiceCollection().BuildServiceProvider());
        Assert.Contains("AddModelClients", registry.Chat.Description, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddModelClients(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
