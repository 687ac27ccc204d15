namespace LifeOS.Onnx;

/// <summary>An error reported by ONNX Runtime (its <c>OrtErrorCode</c> and message) or by loading it.</summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(int errorCode, string message)
        : base(message) => ErrorCode = errorCode;

    public OnnxRuntimeException()
    {
    }

    public OnnxRuntimeException(string message)
        : base(message)
    {
    }

    public OnnxRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>ONNX Runtime's <c>OrtErrorCode</c> (2 invalid argument, 3 no such file, 7 invalid protobuf, ...); 0 when the
    /// error came from loading the library rather than from a call.</summary>
    public int ErrorCode { get; }
}
