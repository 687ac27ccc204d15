using LifeOS.Onnx.Embeddings;
using LifeOS.Onnx.Tests.Graphs;
using Microsoft.Extensions.AI;

namespace LifeOS.Onnx.Tests;

/// <summary>The local embedding generator end to end on a real ONNX model written by the test: tokenizer, tensors,
/// ONNX Runtime, masked mean pooling and normalisation, checked against the same sums done directly on the tables.</summary>
public sealed class OnnxEmbeddingGeneratorTests : IDisposable
{
    private static readonly string[] Vocabulary =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "cat", "sat", "on", "mat", "down", "stock", "market", "crash", "##ed",
        "a", "dog", "ran", ".", ",", "quick", "brown", "fox", "jump", "##s", "over", "lazy",
    ];

    private readonly TempDirectory _directory = new();
    private readonly TinyBertModel _model = new(Vocabulary);
    private readonly WordPieceTokenizer _tokenizer = new(Vocabulary);

    [Fact]
    public async Task Each_embedding_is_the_masked_mean_of_the_models_token_states_normalised()
    {
        using var generator = Open();
        string[] texts = ["The cat sat on the mat.", "a dog", "stock market crashed"];

        var embeddings = await generator.GenerateAsync(texts, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(texts.Length, embeddings.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var expected = _model.ExpectedEmbedding(_tokenizer.Encode(texts[i], 256));
            AssertClose(expected, embeddings[i].Vector.ToArray());
            Assert.Equal("tiny-bert", embeddings[i].ModelId);
        }
    }

    [Fact]
    public async Task Padding_in_a_batch_does_not_change_an_embedding()
    {
        using var generator = Open();
        var ct = TestContext.Current.CancellationToken;

        var alone = await generator.GenerateVectorAsync("a dog", cancellationToken: ct);
        var batch = await generator.GenerateAsync(["the quick brown fox jumps over the lazy dog", "a dog"], cancellationToken: ct);

        AssertClose(alone.ToArray(), batch[1].Vector.ToArray());
    }

    [Fact]
    public async Task Batches_of_any_size_give_the_same_vectors_in_input_order()
    {
        using var generator = Open(batchSize: 2);
        using var oneAtATime = Open(batchSize: 1);
        string[] texts = ["the cat", "a dog ran", "stock market", "the lazy fox", "down"];
        var ct = TestContext.Current.CancellationToken;

        var batched = await generator.GenerateAsync(texts, cancellationToken: ct);
        var single = await oneAtATime.GenerateAsync(texts, cancellationToken: ct);

        for (var i = 0; i < texts.Length; i++)
        {
            AssertClose(single[i].Vector.ToArray(), batched[i].Vector.ToArray());
        }
    }

    [Fact]
    public async Task Vectors_have_unit_length_and_similar_texts_are_closer()
    {
        using var generator = Open();
        var embeddings = await generator.GenerateAsync(["the cat sat on the mat", "the cat sat down on the mat", "stock market crashed"],
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(embeddings, e => Assert.Equal(1.0, Math.Sqrt(e.Vector.ToArray().Sum(v => (double)v * v)), 5));
        Assert.True(Cosine(embeddings[0], embeddings[1]) > Cosine(embeddings[0], embeddings[2]));
    }

    [Fact]
    public async Task Long_texts_are_truncated_to_max_tokens()
    {
        using var generator = Open(maxTokens: 5);
        var vector = await generator.GenerateVectorAsync("the cat sat on the mat", cancellationToken: TestContext.Current.CancellationToken);

        // [CLS] the cat sat [SEP]
        AssertClose(_model.ExpectedEmbedding([2, 4, 5, 6, 3]), vector.ToArray());
    }

    [Fact]
    public async Task Reports_the_real_tokens_it_read()
    {
        using var generator = Open();
        var embeddings = await generator.GenerateAsync(["the cat", "a dog ran"], cancellationToken: TestContext.Current.CancellationToken);

        // 4 + 5 tokens with [CLS] and [SEP]; padding is not counted.
        Assert.Equal(9, embeddings.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task A_model_without_token_type_ids_is_fed_only_what_it_takes()
    {
        using var generator = Open(withTokenTypes: false);
        var vector = await generator.GenerateVectorAsync("the cat", cancellationToken: TestContext.Current.CancellationToken);

        AssertClose(_model.ExpectedEmbedding([2, 4, 5, 3], withTokenTypes: false), vector.ToArray());
    }

    [Fact]
    public void A_model_that_is_not_an_encoder_is_refused_at_open()
    {
        var path = Path.Combine(_directory.Path, "not-an-encoder.onnx");
        File.WriteAllBytes(path, new OnnxGraph().Input("pixels", OnnxGraph.Float, 4L).Node("Neg", ["pixels"], ["y"]).Output("y", OnnxGraph.Float, 4L).ToModel());
        File.WriteAllLines(Path.Combine(_directory.Path, "vocab.txt"), Vocabulary);

        var error = Assert.Throws<ArgumentException>(() => new OnnxEmbeddingGenerator(SharedRuntime.Instance,
            new OnnxEmbeddingModelOptions { ModelPath = path, VocabularyPath = Path.Combine(_directory.Path, "vocab.txt") }));
        Assert.Contains("pixels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_inputs_and_a_different_model_id_are_refused()
    {
        using var generator = Open();
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["the", null!], cancellationToken: ct));
        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["the"], new EmbeddingGenerationOptions { ModelId = "other" }, ct));
        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["the"], new EmbeddingGenerationOptions { Dimensions = 3 }, ct));
    }

    [Fact]
    public void Describes_itself_as_a_local_onnx_model()
    {
        using var generator = Open();
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal("onnx", metadata?.ProviderName);
        Assert.Equal("tiny-bert", metadata?.DefaultModelId);
    }

    private OnnxEmbeddingGenerator Open(int batchSize = 32, int maxTokens = 256, bool withTokenTypes = true)
    {
        var modelDirectory = Directory.CreateDirectory(Path.Combine(_directory.Path, "tiny-bert")).FullName;
        var modelPath = Path.Combine(modelDirectory, withTokenTypes ? "model.onnx" : "model-no-types.onnx");
        File.WriteAllBytes(modelPath, _model.ToOnnx(withTokenTypes));
        File.WriteAllLines(Path.Combine(modelDirectory, "vocab.txt"), Vocabulary);
        return new OnnxEmbeddingGenerator(SharedRuntime.Instance, new OnnxEmbeddingModelOptions
        {
            ModelPath = modelPath,
            VocabularyPath = Path.Combine(modelDirectory, "vocab.txt"),
            BatchSize = batchSize,
            MaxTokens = maxTokens,
            Session = SharedRuntime.Options,
        });
    }

    private static double Cosine(Embedding<float> a, Embedding<float> b) =>
        a.Vector.ToArray().Zip(b.Vector.ToArray()).Sum(pair => (double)pair.First * pair.Second);

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5, $"dimension {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    public void Dispose() => _directory.Dispose();
}
