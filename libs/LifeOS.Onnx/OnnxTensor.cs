using System.Runtime.InteropServices;
using LifeOS.Onnx.Native;

namespace LifeOS.Onnx;

/// <summary>An input tensor: a copy of the caller's data in unmanaged memory, wrapped as an ONNX Runtime value.</summary>
public sealed unsafe class OnnxTensor : IDisposable
{
    private readonly NativeBuffer _buffer;

    private OnnxTensor(OrtHandle value, NativeBuffer buffer, long[] shape, OnnxElementType elementType)
    {
        Value = value;
        _buffer = buffer;
        Shape = shape;
        ElementType = elementType;
    }

    /// <summary>The tensor's dimensions.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>The element type.</summary>
    public OnnxElementType ElementType { get; }

    internal OrtHandle Value { get; }

    internal static OnnxTensor Create<T>(OnnxRuntime runtime, ReadOnlySpan<T> data, ReadOnlySpan<long> shape, int elementType)
        where T : unmanaged
    {
        long count = 1;
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"Tensor dimensions must not be negative; got [{string.Join(", ", shape.ToArray())}].", nameof(shape));
            }
            count = checked(count * dimension);
        }
        if (count != data.Length)
        {
            throw new ArgumentException(
                $"Shape [{string.Join(", ", shape.ToArray())}] holds {count} elements but {data.Length} were given.", nameof(data));
        }

        var buffer = new NativeBuffer((nuint)(data.Length * sizeof(T)));
        try
        {
            data.CopyTo(new Span<T>(buffer.Pointer, data.Length));
            var raw = runtime.Api.CreateTensorWithData(runtime.CpuMemoryInfo, buffer.Pointer, buffer.ByteLength, shape, elementType);
            // The value reads the buffer in place: it holds the buffer until it is released.
            var value = new OrtHandle(runtime.Api, OrtApiTable.ReleaseValue, raw, buffer);
            return new OnnxTensor(value, buffer, shape.ToArray(), (OnnxElementType)elementType);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Value.Dispose();
        _buffer.Dispose();
    }
}
