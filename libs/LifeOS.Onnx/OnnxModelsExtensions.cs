using LifeOS.AI;
using LifeOS.Onnx.Embeddings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LifeOS.Onnx;

/// <summary>DI registration of the local ONNX models.</summary>
public static class OnnxModelsExtensions
{
    /// <summary>Registers <see cref="OnnxModelFiles"/>, an <see cref="OnnxRuntime"/> when the library is in the models
    /// folder, and the local embedding model in the <see cref="ModelRegistry"/> (preferred over a remote endpoint) when
    /// its model.onnx and vocab.txt are there. What is missing is recorded as the reason, never papered over.</summary>
    public static IServiceCollection AddOnnxModels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var files = OnnxModelFiles.In(
            configuration[OnnxModelFiles.PathKey] ?? "models",
            configuration[OnnxModelFiles.RuntimeKey],
            configuration[OnnxModelFiles.EmbeddingModelKey]);
        services.TryAddSingleton(files);
        services.TryAddSingleton<ModelRegistry>();

        var runtimePresent = File.Exists(files.RuntimeLibrary);
        if (runtimePresent)
        {
            services.TryAddSingleton(_ => OnnxRuntime.Load(files.RuntimeLibrary));
        }

        string[] missing = [.. new[] { files.RuntimeLibrary, files.EmbeddingModel, files.EmbeddingVocabulary }.Where(path => !File.Exists(path))];
        if (missing.Length > 0)
        {
            services.AddSingleton(ModelRegistration.Unavailable(
                ModelCapability.Embeddings, $"no local ONNX embedding model ({string.Join(", ", missing)} missing; see models/manifest.json)"));
            return services;
        }
        var modelId = new DirectoryInfo(files.EmbeddingModelDirectory).Name;
        services.AddSingleton(ModelRegistration.Available(
            ModelCapability.Embeddings,
            $"local ONNX {modelId} ({files.EmbeddingModel})",
            ModelRegistration.LocalPreference,
            sp => new OnnxEmbeddingGenerator(sp.GetRequiredService<OnnxRuntime>(), new OnnxEmbeddingModelOptions
            {
                ModelPath = files.EmbeddingModel,
                VocabularyPath = files.EmbeddingVocabulary,
                ModelId = modelId,
            })));
        services.AddEmbeddingGeneratorFromRegistry();
        return services;
    }
}
