using LifeOS.AI.OpenAICompatible;
using Microsoft.Extensions.AI;

namespace LifeOS.AI.Tests;

/// <summary>The embedding generator against a server speaking the OpenAI wire format.</summary>
public sealed class EmbeddingGeneratorTests : ServerTest
{
    [Fact]
    public async Task Returns_one_vector_per_input_matched_by_index()
    {
        using var generator = new OpenAICompatibleEmbeddingGenerator(Server.ClientEndpoint("embed-model"));
        string[] inputs = ["the cat sat", "stock market", "the cat sat down"];

        var embeddings = await generator.GenerateAsync(inputs, cancellationToken: Ct);

        Assert.Equal(inputs.Length, embeddings.Count);
        for (var i = 0; i < inputs.Length; i++)
        {
            // The server lists them last first; each must still land on its own input.
            Assert.Equal(OpenAIWireServer.BagOfWords(inputs[i]), embeddings[i].Vector.ToArray());
            Assert.Equal("embed-model", embeddings[i].ModelId);
        }
        Assert.Equal(9, embeddings.Usage?.InputTokenCount);

        var json = Assert.Single(Server.Requests).Json;
        Assert.Equal("embed-model", (string?)json["model"]);
        Assert.Equal("float", (string?)json["encoding_format"]);
        Assert.Equal(inputs, json["input"]!.AsArray().Select(node => (string?)node));
        Assert.Null(json["dimensions"]);
    }

    [Fact]
    public async Task Asks_for_dimensions_from_the_options_or_the_endpoint()
    {
        using var generator = new OpenAICompatibleEmbeddingGenerator(Server.ClientEndpoint() with { Dimensions = 8 });

        var fromEndpoint = await generator.GenerateVectorAsync("a", cancellationToken: Ct);
        var fromOptions = await generator.GenerateVectorAsync("a", new EmbeddingGenerationOptions { Dimensions = 4 }, Ct);

        Assert.Equal(8, fromEndpoint.Length);
        Assert.Equal(4, fromOptions.Length);
    }

    [Fact]
    public async Task Many_inputs_are_split_across_requests_and_kept_in_order()
    {
        using var generator = new OpenAICompatibleEmbeddingGenerator(Server.ClientEndpoint());
        var inputs = Enumerable.Range(0, OpenAICompatibleEmbeddingGenerator.MaxInputsPerRequest + 10).Select(i => $"text number {i}").ToArray();

        var embeddings = await generator.GenerateAsync(inputs, cancellationToken: Ct);

        Assert.Equal(2, Server.Requests.Count);
        Assert.Equal(inputs.Length, embeddings.Count);
        Assert.Equal(OpenAIWireServer.BagOfWords(inputs[^1]), embeddings[^1].Vector.ToArray());
        Assert.Equal(inputs.Length * 3, embeddings.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task No_inputs_means_no_request()
    {
        using var generator = new OpenAICompatibleEmbeddingGenerator(Server.ClientEndpoint());

        var embeddings = await generator.GenerateAsync([], cancellationToken: Ct);

        Assert.Empty(embeddings);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task A_null_input_is_refused_before_sending()
    {
        using var generator = new OpenAICompatibleEmbeddingGenerator(Server.ClientEndpoint());

        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["ok", null!], cancellationToken: Ct));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public void Describes_its_provider_and_model()
    {
        using var generator = new OpenAICompatibleEmbeddingGenerator(Server.ClientEndpoint("embed-model") with { Dimensions = 64 });
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal("embed-model", metadata?.DefaultModelId);
        Assert.Equal(64, metadata?.DefaultModelDimensions);
    }
}
