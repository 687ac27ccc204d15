using LifeOS.Vectors.Embedded;

namespace LifeOS.Vectors.Tests.Embedded;

/// <summary>The embedded contract for quantised layouts, plus their promise: recall@10 of at least 0.95 on 100k random vectors.</summary>
public abstract class EmbeddedQuantisedVectorIndexContract : EmbeddedVectorIndexContract
{
    [Fact]
    public async Task Recall_at_10_on_100k_random_384_dimension_vectors_is_at_least_95_percent()
    {
        var ct = TestContext.Current.CancellationToken;
        var vectors = QuantisedRecallData.Vectors;
        using var index = new EmbeddedVectorIndex(Options(QuantisedRecallData.Dimension, partitionSize: 16_384, parallelThreshold: 32_768));
        foreach (var batch in Enumerable.Range(0, vectors.Length).Chunk(10_000))
            await index.UpsertAsync(batch.Select(i => Point($"v{i}", vectors[i], "alice")).ToList(), ct);

        var found = new List<IReadOnlyList<string>>();
        foreach (var query in QuantisedRecallData.Queries)
            found.Add((await index.SearchAsync(new VectorQuery(query, VectorFilter.ForUser("alice"), 10), ct)).Select(h => h.Id).ToList());

        var recall = RandomVectors.RecallAtK(QuantisedRecallData.Truth, found, i => $"v{i}");
        TestContext.Current.SendDiagnosticMessage($"{Quantization} recall@10 on 100k x 384: {recall:F4}");
        Assert.True(recall >= 0.95, $"{Quantization} recall@10 was {recall:F4}");
    }
}

/// <summary>The contract on the embedded index holding IEEE half rows.</summary>
public sealed class EmbeddedFloat16VectorIndexTests : EmbeddedQuantisedVectorIndexContract
{
    protected override VectorQuantization Quantization => VectorQuantization.Float16;

    protected override double MinimumRecallAt10 => 0.99;

    protected override float ScoreTolerance => 2e-3f;
}

/// <summary>The contract on the embedded index holding int8 rows with a scale per row.</summary>
public sealed class EmbeddedInt8VectorIndexTests : EmbeddedQuantisedVectorIndexContract
{
    protected override VectorQuantization Quantization => VectorQuantization.Int8;

    protected override double MinimumRecallAt10 => 0.95;

    protected override float ScoreTolerance => 1e-2f;
}
