using System.Runtime.InteropServices;
using LifeOS.Onnx.Native;

namespace LifeOS.Onnx;

/// <summary>One loaded ONNX Runtime library with its environment: opens sessions and makes input tensors.</summary>
/// <remarks>Sessions and tensors hold the environment alive through their handles, so disposing the runtime while
/// they are in use is safe: the environment goes when the last of them does.</remarks>
public sealed class OnnxRuntime : IDisposable
{
    private const int LogSeverityError = 3;
    private const int GraphOptimizationNone = 0;
    private const int GraphOptimizationAll = 99;

    private readonly OrtHandle _env;
    private readonly OrtHandle _cpuMemory;

    private OnnxRuntime(OrtApi api, string libraryPath)
    {
        Api = api;
        LibraryPath = libraryPath;
        _env = new OrtHandle(api, OrtApiTable.ReleaseEnv, api.CreateEnv(LogSeverityError, "lifeos"));
        _cpuMemory = new OrtHandle(api, OrtApiTable.ReleaseMemoryInfo, api.CreateCpuMemoryInfo());
    }

    /// <summary>The runtime's version string, e.g. "1.28.2".</summary>
    public string Version => Api.Version;

    /// <summary>Where the library was loaded from.</summary>
    public string LibraryPath { get; }

    internal OrtApi Api { get; }

    /// <summary>Loads the ONNX Runtime shared library at <paramref name="libraryPath"/> (libonnxruntime.so, .dylib or
    /// onnxruntime.dll) and creates its environment.</summary>
    public static OnnxRuntime Load(string libraryPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(libraryPath);
        var fullPath = Path.GetFullPath(libraryPath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException(
                $"ONNX Runtime library not found at '{fullPath}'. models/fetch.sh places libonnxruntime.so in models/.", fullPath);
        }
        // The library stays loaded for the life of the process: ONNX Runtime keeps global state (thread pools,
        // the default logger) that must not be unmapped under a finalizer.
        var library = NativeLibrary.Load(fullPath);
        return new OnnxRuntime(OrtApi.FromLibrary(library, fullPath), fullPath);
    }

    /// <summary>Opens a model file.</summary>
    public OnnxSession OpenSession(string modelPath, OnnxSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        var fullPath = Path.GetFullPath(modelPath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"ONNX model not found at '{fullPath}'.", fullPath);
        }
        return CreateSession(options, (env, opts) => Api.CreateSession(env, fullPath, opts), fullPath);
    }

    /// <summary>Opens a model held in memory (a serialised ONNX <c>ModelProto</c>).</summary>
    public OnnxSession OpenSession(ReadOnlyMemory<byte> model, OnnxSessionOptions? options = null) =>
        CreateSession(options, (env, opts) => Api.CreateSessionFromArray(env, model.Span, opts), "(in memory)");

    private OnnxSession CreateSession(OnnxSessionOptions? options, Func<nint, nint, nint> create, string source)
    {
        ObjectDisposedException.ThrowIf(_env.IsClosed, this);
        options ??= new OnnxSessionOptions();
        using var sessionOptions = new OrtHandle(Api, OrtApiTable.ReleaseSessionOptions, Api.CreateSessionOptions());
        var raw = sessionOptions.DangerousGetHandle();
        Api.SetIntraOpNumThreads(raw, options.IntraOpThreads);
        Api.SetInterOpNumThreads(raw, options.InterOpThreads);
        Api.SetGraphOptimizationLevel(raw, options.OptimizeGraph ? GraphOptimizationAll : GraphOptimizationNone);

        var added = false;
        _env.DangerousAddRef(ref added);
        try
        {
            var session = new OrtHandle(Api, OrtApiTable.ReleaseSession, create(_env.DangerousGetHandle(), raw), _env);
            return new OnnxSession(this, session, source);
        }
        finally
        {
            _env.DangerousRelease();
        }
    }

    /// <summary>A float tensor holding a copy of <paramref name="data"/>, laid out row-major in <paramref name="shape"/>.</summary>
    public OnnxTensor CreateTensor(ReadOnlySpan<float> data, params ReadOnlySpan<long> shape) =>
        OnnxTensor.Create(this, data, shape, OrtApi.ElementFloat);

    /// <summary>An int64 tensor holding a copy of <paramref name="data"/>, laid out row-major in <paramref name="shape"/>.</summary>
    public OnnxTensor CreateTensor(ReadOnlySpan<long> data, params ReadOnlySpan<long> shape) =>
        OnnxTensor.Create(this, data, shape, OrtApi.ElementInt64);

    internal nint CpuMemoryInfo => _cpuMemory.DangerousGetHandle();

    internal SafeHandle Environment => _env;

    public void Dispose()
    {
        _cpuMemory.Dispose();
        _env.Dispose();
    }
}
