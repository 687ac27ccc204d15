using LifeOS.Onnx.Embeddings;

namespace LifeOS.Onnx.Tests;

public sealed class SentencePoolingTests
{
    [Fact]
    public void Averages_only_the_tokens_the_mask_marks_real()
    {
        float[] states = [1, 2, 3, 4, 100, 100];
        Assert.Equal([2f, 3f], SentencePooling.MeanPool(states, [1L, 1L, 0L], dimensions: 2));
    }

    [Fact]
    public void All_padding_pools_to_zeros_not_nan()
    {
        Assert.Equal([0f, 0f], SentencePooling.MeanPool([5f, 5f], [0L], dimensions: 2));
    }

    [Fact]
    public void Normalizes_to_unit_length_and_leaves_zero_alone()
    {
        float[] vector = [3, 4];
        SentencePooling.Normalize(vector);
        Assert.Equal([0.6f, 0.8f], vector);

        float[] zero = [0, 0];
        SentencePooling.Normalize(zero);
        Assert.Equal([0f, 0f], zero);
    }

    [Fact]
    public void Mismatched_sizes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SentencePooling.MeanPool([1f, 2f, 3f], [1L, 1L], dimensions: 2));
    }
}
