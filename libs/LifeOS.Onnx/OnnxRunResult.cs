namespace LifeOS.Onnx;

/// <summary>The outputs of one <see cref="OnnxSession.Run"/>, in the order asked for; disposing releases them all.</summary>
public sealed class OnnxRunResult : IReadOnlyList<OnnxValue>, IDisposable
{
    private readonly OnnxValue[] _values;

    internal OnnxRunResult(OnnxValue[] values) => _values = values;

    public OnnxValue this[int index] => _values[index];

    /// <summary>The output with this name.</summary>
    public OnnxValue this[string name] =>
        _values.FirstOrDefault(value => value.Name == name)
        ?? throw new KeyNotFoundException($"No output named '{name}'; outputs: {string.Join(", ", _values.Select(value => value.Name))}.");

    public int Count => _values.Length;

    public IEnumerator<OnnxValue> GetEnumerator() => ((IEnumerable<OnnxValue>)_values).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        foreach (var value in _values)
        {
            value.Dispose();
        }
    }
}
