namespace LifeOS.Onnx;

/// <summary>Tensor element types this binding reads and writes (values from ONNX's <c>TensorProto.DataType</c>).</summary>
public enum OnnxElementType
{
    Undefined = 0,
    Float = 1,
    Int64 = 7,
}
