using LifeOS.AI;
using LifeOS.Onnx.Embeddings;
using LifeOS.Onnx.Tests.Graphs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Onnx.Tests;

/// <summary>Registration: the local model is used when its files are there, and its absence is explained, never faked.</summary>
public sealed class OnnxModelsExtensionsTests : IDisposable
{
    private readonly TempDirectory _models = new();

    [Fact]
    public void Without_the_model_files_there_is_no_embedding_model_and_the_reason_names_them()
    {
        using var services = Build();
        var lookup = services.GetRequiredService<ModelRegistry>().Embeddings;

        Assert.False(lookup.IsConfigured);
        Assert.Contains("model.onnx", lookup.Description, StringComparison.Ordinal);
        Assert.Contains("vocab.txt", lookup.Description, StringComparison.Ordinal);
        Assert.Null(services.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        var error = Assert.Throws<ModelNotConfiguredException>(lookup.GetRequired);
        Assert.Equal(ModelCapability.Embeddings, error.Capability);
    }

    [Fact]
    public async Task With_the_model_files_the_local_generator_is_chosen_over_a_remote_endpoint()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_models.Path, "my-encoder")).FullName;
        string[] vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello"];
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), new TinyBertModel(vocabulary).ToOnnx());
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), vocabulary);

        using var services = Build(new()
        {
            [OnnxModelFiles.EmbeddingModelKey] = "my-encoder",
            // Configured, but never called: the local model is preferred.
            ["ConnectionStrings:embeddings"] = "Endpoint=http://127.0.0.1:9/v1;Model=remote-model",
        });
        var lookup = services.GetRequiredService<ModelRegistry>().Embeddings;

        Assert.True(lookup.IsConfigured);
        Assert.IsType<OnnxEmbeddingGenerator>(lookup.Client);
        Assert.Contains("local ONNX my-encoder", lookup.Description, StringComparison.Ordinal);
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var vector = await generator.GenerateVectorAsync("hello", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(TinyBertModel.Dimensions, vector.Length);
    }

    private ServiceProvider Build(Dictionary<string, string?>? settings = null)
    {
        // The runtime library comes from the repository's models/; the model files from this test's folder.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(settings ?? [])
        {
            [OnnxModelFiles.PathKey] = _models.Path,
            [OnnxModelFiles.RuntimeKey] = RepositoryModels.OnnxRuntimeLibrary,
        }).Build();
        return new ServiceCollection().AddModelClients(configuration).AddOnnxModels(configuration).BuildServiceProvider();
    }

    public void Dispose() => _models.Dispose();
}
