using Microsoft.Extensions.AI;

namespace LifeOS.AI;

/// <summary>The one place consumers ask for a model. For each capability it picks the most preferred available
/// registration (local ONNX before a remote endpoint), builds it once, and otherwise says why there is none.</summary>
public sealed class ModelRegistry : IDisposable
{
    private readonly Lazy<ModelLookup<IChatClient>> _chat;
    private readonly Lazy<ModelLookup<IEmbeddingGenerator<string, Embedding<float>>>> _embeddings;

    public ModelRegistry(IEnumerable<ModelRegistration> registrations, IServiceProvider services)
    {
        var all = registrations.ToArray();
        _chat = new(() => Resolve<IChatClient>(all, ModelCapability.Chat, services));
        _embeddings = new(() => Resolve<IEmbeddingGenerator<string, Embedding<float>>>(all, ModelCapability.Embeddings, services));
    }

    /// <summary>The chat model, or why there is none.</summary>
    public ModelLookup<IChatClient> Chat => _chat.Value;

    /// <summary>The embedding model, or why there is none.</summary>
    public ModelLookup<IEmbeddingGenerator<string, Embedding<float>>> Embeddings => _embeddings.Value;

    private static ModelLookup<T> Resolve<T>(ModelRegistration[] all, ModelCapability capability, IServiceProvider services)
        where T : class
    {
        var candidates = all.Where(r => r.Capability == capability).ToArray();
        var chosen = candidates.Where(r => r.IsAvailable).OrderByDescending(r => r.Preference).FirstOrDefault();
        if (chosen is null)
        {
            var reasons = candidates.Select(r => r.Description).ToArray();
            return new ModelLookup<T>(capability, null, reasons.Length == 0
                ? "no model source is registered (call services.AddModelClients(configuration))"
                : string.Join("; ", reasons));
        }
        var client = chosen.Create!(services) as T
            ?? throw new InvalidOperationException($"The {capability} registration '{chosen.Description}' did not build a {typeof(T).Name}.");
        return new ModelLookup<T>(capability, client, chosen.Description);
    }

    public void Dispose()
    {
        if (_chat.IsValueCreated)
        {
            _chat.Value.Client?.Dispose();
        }
        if (_embeddings.IsValueCreated)
        {
            _embeddings.Value.Client?.Dispose();
        }
    }
}
