namespace LifeOS.Onnx.Tests.Graphs;

/// <summary>A BERT-shaped encoder small enough to write by hand: word and token-type embedding tables looked up with
/// Gather, summed, plus a bias on the positions the attention mask marks real. Like a real BERT, padded positions
/// still get non-zero states, so a pooler that ignores the mask gives a different answer.</summary>
internal sealed class TinyBertModel
{
    public const int Dimensions = 8;

    public TinyBertModel(IReadOnlyList<string> vocabulary, int seed = 42)
    {
        Vocabulary = vocabulary;
        var random = new Random(seed);
        WordEmbeddings = RandomMatrix(random, vocabulary.Count, Dimensions);
        TypeEmbeddings = RandomMatrix(random, 2, Dimensions);
        MaskBias = RandomMatrix(random, 1, Dimensions)[0];
    }

    public IReadOnlyList<string> Vocabulary { get; }

    public float[][] WordEmbeddings { get; }

    public float[][] TypeEmbeddings { get; }

    public float[] MaskBias { get; }

    /// <summary>The serialised model; <paramref name="withTokenTypes"/> false leaves out the token_type_ids input.</summary>
    public byte[] ToOnnx(bool withTokenTypes = true)
    {
        var graph = new OnnxGraph()
            .Input("input_ids", OnnxGraph.Int64, "batch", "sequence")
            .Input("attention_mask", OnnxGraph.Int64, "batch", "sequence")
            .Initializer("word_embeddings", [Vocabulary.Count, Dimensions], WordEmbeddings.SelectMany(row => row).ToArray())
            .Initializer("mask_bias", [Dimensions], MaskBias)
            .Initializer("last_axis", [1], new long[] { 2 })
            .Node("Gather", ["word_embeddings", "input_ids"], ["words"])
            .Node("Cast", ["attention_mask"], ["mask_float"], ("to", OnnxGraph.Float))
            .Node("Unsqueeze", ["mask_float", "last_axis"], ["mask_column"])
            .Node("Mul", ["mask_column", "mask_bias"], ["bias"]);
        if (withTokenTypes)
        {
            graph.Input("token_type_ids", OnnxGraph.Int64, "batch", "sequence")
                .Initializer("token_type_embeddings", [2, Dimensions], TypeEmbeddings.SelectMany(row => row).ToArray())
                .Node("Gather", ["token_type_embeddings", "token_type_ids"], ["types"])
                .Node("Add", ["words", "types"], ["summed"])
                .Node("Add", ["summed", "bias"], ["last_hidden_state"]);
        }
        else
        {
            graph.Node("Add", ["words", "bias"], ["last_hidden_state"]);
        }
        return graph.Output("last_hidden_state", OnnxGraph.Float, "batch", "sequence", (long)Dimensions).ToModel();
    }

    /// <summary>What a correct generator must return for these token ids, computed here from the tables directly:
    /// the mean of each real token's state, scaled to unit length.</summary>
    public float[] ExpectedEmbedding(IReadOnlyList<int> tokenIds, bool withTokenTypes = true)
    {
        var sum = new double[Dimensions];
        foreach (var id in tokenIds)
        {
            for (var d = 0; d < Dimensions; d++)
            {
                sum[d] += WordEmbeddings[id][d] + (withTokenTypes ? TypeEmbeddings[0][d] : 0) + MaskBias[d];
            }
        }
        var mean = sum.Select(value => value / tokenIds.Count).ToArray();
        var length = Math.Sqrt(mean.Sum(value => value * value));
        return mean.Select(value => (float)(value / length)).ToArray();
    }

    private static float[][] RandomMatrix(Random random, int rows, int columns) =>
        Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, columns).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToArray();
}
