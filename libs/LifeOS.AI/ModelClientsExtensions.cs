using LifeOS.AI.OpenAICompatible;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LifeOS.AI;

/// <summary>DI registration of the model clients from configuration.</summary>
public static class ModelClientsExtensions
{
    /// <summary>Connection string name of the chat model (<c>ConnectionStrings:chat</c>, env <c>ConnectionStrings__chat</c>).</summary>
    public const string ChatConnectionName = "chat";

    /// <summary>Connection string name of the embedding model (<c>ConnectionStrings:embeddings</c>).</summary>
    public const string EmbeddingsConnectionName = "embeddings";

    /// <summary>Settings section of the chat model when no connection string is given (keys as in the connection string).</summary>
    public const string ChatSection = "LifeOS:AI:Chat";

    /// <summary>Settings section of the embedding model when no connection string is given.</summary>
    public const string EmbeddingsSection = "LifeOS:AI:Embeddings";

    /// <summary>Registers <see cref="ModelRegistry"/> (always) and, for each OpenAI-compatible model configured by
    /// connection string or settings section, its client: <see cref="IChatClient"/> and
    /// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> are resolvable only when some model is configured.</summary>
    /// <exception cref="FormatException">A model is configured but its settings are wrong (checked here, at start-up).</exception>
    public static IServiceCollection AddModelClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<ModelRegistry>();

        var chat = ReadEndpoint(configuration, ChatConnectionName, ChatSection);
        services.AddSingleton(chat is null
            ? ModelRegistration.Unavailable(ModelCapability.Chat, $"ConnectionStrings:{ChatConnectionName} and {ChatSection} are not set")
            : ModelRegistration.Available(ModelCapability.Chat, $"OpenAI-compatible {chat}", ModelRegistration.RemotePreference,
                _ => new OpenAICompatibleChatClient(chat)));
        if (chat is not null)
        {
            services.AddChatClientFromRegistry();
        }

        var embeddings = ReadEndpoint(configuration, EmbeddingsConnectionName, EmbeddingsSection);
        services.AddSingleton(embeddings is null
            ? ModelRegistration.Unavailable(ModelCapability.Embeddings, $"ConnectionStrings:{EmbeddingsConnectionName} and {EmbeddingsSection} are not set")
            : ModelRegistration.Available(ModelCapability.Embeddings, $"OpenAI-compatible {embeddings}", ModelRegistration.RemotePreference,
                _ => new OpenAICompatibleEmbeddingGenerator(embeddings)));
        if (embeddings is not null)
        {
            services.AddEmbeddingGeneratorFromRegistry();
        }
        return services;
    }

    /// <summary>Makes <see cref="IChatClient"/> resolve to the registry's choice (for a source that registers one).</summary>
    public static IServiceCollection AddChatClientFromRegistry(this IServiceCollection services)
    {
        services.TryAddSingleton<ModelRegistry>();
        // The registry and the container both dispose the client at shutdown; every client's Dispose is idempotent.
        services.TryAddSingleton<IChatClient>(sp => sp.GetRequiredService<ModelRegistry>().Chat.GetRequired());
        return services;
    }

    /// <summary>Makes the embedding generator resolve to the registry's choice (for a source that registers one).</summary>
    public static IServiceCollection AddEmbeddingGeneratorFromRegistry(this IServiceCollection services)
    {
        services.TryAddSingleton<ModelRegistry>();
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(
            sp => sp.GetRequiredService<ModelRegistry>().Embeddings.GetRequired());
        return services;
    }

    /// <summary>The endpoint named by a connection string, else by a settings section; null when neither is set.</summary>
    public static ModelEndpoint? ReadEndpoint(IConfiguration configuration, string connectionName, string sectionPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            return ModelEndpoint.Parse(connectionString);
        }
        var section = configuration.GetSection(sectionPath);
        var values = section.GetChildren().Where(child => child.Value is not null).ToDictionary(child => child.Key, child => child.Value!, StringComparer.OrdinalIgnoreCase);
        return values.Count == 0 ? null : ModelEndpoint.FromValues(values, $"settings section {sectionPath}");
    }
}
