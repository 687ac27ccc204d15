using LifeOS.Onnx.Native;

namespace LifeOS.Onnx;

/// <summary>An output tensor that ONNX Runtime allocated: its shape, element type and data, valid until disposed.</summary>
public sealed unsafe class OnnxValue : IDisposable
{
    private readonly OrtHandle _value;
    private readonly void* _data;

    internal OnnxValue(OrtApi api, OrtHandle value, string name)
    {
        _value = value;
        Name = name;
        var raw = value.DangerousGetHandle();
        if (!api.IsTensor(raw))
        {
            throw new OnnxRuntimeException(0, $"Output '{name}' is not a tensor; only tensor outputs are supported.");
        }
        var (elementType, shape) = api.GetTensorTypeAndShape(raw);
        ElementType = Enum.IsDefined((OnnxElementType)elementType) ? (OnnxElementType)elementType : OnnxElementType.Undefined;
        RawElementType = elementType;
        Shape = shape;
        ElementCount = shape.Aggregate(1L, (product, dimension) => checked(product * dimension));
        _data = api.GetTensorMutableData(raw);
    }

    /// <summary>The output's name in the model.</summary>
    public string Name { get; }

    /// <summary>The tensor's dimensions.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>The element type, <see cref="OnnxElementType.Undefined"/> for types this binding does not read.</summary>
    public OnnxElementType ElementType { get; }

    /// <summary>The <c>ONNXTensorElementDataType</c> as ONNX Runtime reported it.</summary>
    public int RawElementType { get; }

    /// <summary>Number of elements (the product of the dimensions).</summary>
    public long ElementCount { get; }

    /// <summary>The data as floats, read in place; valid until this value is disposed.</summary>
    public ReadOnlySpan<float> AsFloats() => AsSpan<float>(OnnxElementType.Float);

    /// <summary>The data as int64s, read in place; valid until this value is disposed.</summary>
    public ReadOnlySpan<long> AsInt64s() => AsSpan<long>(OnnxElementType.Int64);

    private ReadOnlySpan<T> AsSpan<T>(OnnxElementType expected)
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_value.IsClosed, this);
        if (ElementType != expected)
        {
            throw new InvalidOperationException($"Output '{Name}' holds element type {RawElementType}, not {expected}.");
        }
        return new ReadOnlySpan<T>(_data, checked((int)ElementCount));
    }

    public void Dispose() => _value.Dispose();
}
