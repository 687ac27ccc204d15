namespace LifeOS.Onnx.Embeddings;

/// <summary>Turns a transformer's token states into one sentence vector: the mean over the real tokens (padding
/// excluded by the attention mask), then scaled to unit length, as sentence-transformers' Pooling + Normalize do.</summary>
public static class SentencePooling
{
    /// <summary>Mean of <paramref name="tokenStates"/> ([sequence, dimensions], row-major) over the positions whose
    /// <paramref name="attentionMask"/> is 1.</summary>
    public static float[] MeanPool(ReadOnlySpan<float> tokenStates, ReadOnlySpan<long> attentionMask, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (tokenStates.Length != attentionMask.Length * dimensions)
        {
            throw new ArgumentException($"{tokenStates.Length} token state values do not match {attentionMask.Length} tokens of {dimensions} dimensions.");
        }
        var sum = new double[dimensions];
        var count = 0;
        for (var token = 0; token < attentionMask.Length; token++)
        {
            if (attentionMask[token] == 0)
            {
                continue;
            }
            count++;
            var row = tokenStates.Slice(token * dimensions, dimensions);
            for (var d = 0; d < dimensions; d++)
            {
                sum[d] += row[d];
            }
        }
        // sentence-transformers clamps the count to 1e-9, so an all-padding row pools to zeros rather than NaN.
        var divisor = Math.Max(count, 1e-9);
        var mean = new float[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            mean[d] = (float)(sum[d] / divisor);
        }
        return mean;
    }

    /// <summary>Scales <paramref name="vector"/> in place to unit L2 length; a zero vector stays zero.</summary>
    public static void Normalize(Span<float> vector)
    {
        double squares = 0;
        foreach (var value in vector)
        {
            squares += (double)value * value;
        }
        // Same floor as torch.nn.functional.normalize's eps.
        var scale = 1 / Math.Max(Math.Sqrt(squares), 1e-12);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] * scale);
        }
    }
}
