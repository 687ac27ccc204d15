using System.Runtime.InteropServices;

namespace LifeOS.Onnx.Native;

/// <summary>Typed calls into one loaded ONNX Runtime's C API function table.</summary>
/// <remarks>Every call that returns an <c>OrtStatus*</c> goes through <see cref="Check"/>, which turns a non-null status
/// into an <see cref="OnnxRuntimeException"/> and releases it.</remarks>
internal sealed unsafe class OrtApi
{
    // ONNXTensorElementDataType and the allocator enums, from onnxruntime_c_api.h.
    public const int ElementFloat = 1;
    public const int ElementInt64 = 7;
    private const int OrtArenaAllocator = 1;
    private const int OrtMemTypeDefault = 0;

    private readonly nint* _table;

    private OrtApi(nint* table, string version)
    {
        _table = table;
        Version = version;
    }

    /// <summary>The runtime's own version string, e.g. "1.28.2".</summary>
    public string Version { get; }

    /// <summary>Resolves <c>OrtGetApiBase</c> in a loaded library and asks it for the function table.</summary>
    public static OrtApi FromLibrary(nint library, string libraryPath)
    {
        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBase))
        {
            throw new OnnxRuntimeException(0, $"'{libraryPath}' is not an ONNX Runtime library: it exports no OrtGetApiBase.");
        }
        // OrtApiBase is { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }.
        var apiBase = ((delegate* unmanaged<nint*>)getApiBase)();
        var version = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)apiBase[1])()) ?? "unknown";
        var table = ((delegate* unmanaged<uint, nint*>)apiBase[0])(OrtApiTable.ApiVersion);
        if (table is null)
        {
            throw new OnnxRuntimeException(0, $"ONNX Runtime {version} at '{libraryPath}' does not offer C API version {OrtApiTable.ApiVersion}.");
        }
        var api = new OrtApi(table, version);
        api.VerifyStatusRoundTrip();
        return api;
    }

    // A cheap guard against a table that is not laid out as expected: a status made through slot 0 must read back
    // through slots 1 and 2, and release through its release slot.
    private void VerifyStatusRoundTrip()
    {
        const int invalidArgument = 2;
        var message = Marshal.StringToCoTaskMemUTF8("lifeos-probe");
        try
        {
            var status = ((delegate* unmanaged<int, nint, nint>)_table[OrtApiTable.CreateStatus])(invalidArgument, message);
            var code = ((delegate* unmanaged<nint, int>)_table[OrtApiTable.GetErrorCode])(status);
            var text = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint, nint>)_table[OrtApiTable.GetErrorMessage])(status));
            Release(OrtApiTable.ReleaseStatus, status);
            if (code != invalidArgument || text != "lifeos-probe")
            {
                throw new OnnxRuntimeException(0, $"ONNX Runtime {Version}: the C API table is not laid out as this binding expects.");
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(message);
        }
    }

    public void Release(int slot, nint handle) => ((delegate* unmanaged<nint, void>)_table[slot])(handle);

    private void Check(nint status)
    {
        if (status == 0)
        {
            return;
        }
        var code = ((delegate* unmanaged<nint, int>)_table[OrtApiTable.GetErrorCode])(status);
        var message = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint, nint>)_table[OrtApiTable.GetErrorMessage])(status));
        Release(OrtApiTable.ReleaseStatus, status);
        throw new OnnxRuntimeException(code, message ?? "(no message)");
    }

    public nint CreateEnv(int logSeverity, string logId)
    {
        var id = Marshal.StringToCoTaskMemUTF8(logId);
        try
        {
            nint env;
            Check(((delegate* unmanaged<int, nint, nint*, nint>)_table[OrtApiTable.CreateEnv])(logSeverity, id, &env));
            return env;
        }
        finally
        {
            Marshal.FreeCoTaskMem(id);
        }
    }

    public nint CreateCpuMemoryInfo()
    {
        nint info;
        Check(((delegate* unmanaged<int, int, nint*, nint>)_table[OrtApiTable.CreateCpuMemoryInfo])(OrtArenaAllocator, OrtMemTypeDefault, &info));
        return info;
    }

    public nint CreateSessionOptions()
    {
        nint options;
        Check(((delegate* unmanaged<nint*, nint>)_table[OrtApiTable.CreateSessionOptions])(&options));
        return options;
    }

    public void SetIntraOpNumThreads(nint options, int threads) =>
        Check(((delegate* unmanaged<nint, int, nint>)_table[OrtApiTable.SetIntraOpNumThreads])(options, threads));

    public void SetInterOpNumThreads(nint options, int threads) =>
        Check(((delegate* unmanaged<nint, int, nint>)_table[OrtApiTable.SetInterOpNumThreads])(options, threads));

    public void SetGraphOptimizationLevel(nint options, int level) =>
        Check(((delegate* unmanaged<nint, int, nint>)_table[OrtApiTable.SetSessionGraphOptimizationLevel])(options, level));

    public nint CreateSession(nint env, string modelPath, nint options)
    {
        // ORTCHAR_T is wchar_t (UTF-16) on Windows and char (UTF-8) elsewhere.
        var path = OperatingSystem.IsWindows() ? Marshal.StringToHGlobalUni(modelPath) : Marshal.StringToCoTaskMemUTF8(modelPath);
        try
        {
            nint session;
            Check(((delegate* unmanaged<nint, nint, nint, nint*, nint>)_table[OrtApiTable.CreateSession])(env, path, options, &session));
            return session;
        }
        finally
        {
            if (OperatingSystem.IsWindows())
            {
                Marshal.FreeHGlobal(path);
            }
            else
            {
                Marshal.FreeCoTaskMem(path);
            }
        }
    }

    public nint CreateSessionFromArray(nint env, ReadOnlySpan<byte> model, nint options)
    {
        fixed (byte* data = model)
        {
            nint session;
            Check(((delegate* unmanaged<nint, byte*, nuint, nint, nint*, nint>)_table[OrtApiTable.CreateSessionFromArray])(
                env, data, (nuint)model.Length, options, &session));
            return session;
        }
    }

    public int SessionGetInputCount(nint session)
    {
        nuint count;
        Check(((delegate* unmanaged<nint, nuint*, nint>)_table[OrtApiTable.SessionGetInputCount])(session, &count));
        return checked((int)count);
    }

    public int SessionGetOutputCount(nint session)
    {
        nuint count;
        Check(((delegate* unmanaged<nint, nuint*, nint>)_table[OrtApiTable.SessionGetOutputCount])(session, &count));
        return checked((int)count);
    }

    public string SessionGetInputName(nint session, int index) => SessionGetName(OrtApiTable.SessionGetInputName, session, index);

    public string SessionGetOutputName(nint session, int index) => SessionGetName(OrtApiTable.SessionGetOutputName, session, index);

    private string SessionGetName(int slot, nint session, int index)
    {
        // The name is allocated with the default allocator and must be handed back to it.
        nint allocator;
        Check(((delegate* unmanaged<nint*, nint>)_table[OrtApiTable.GetAllocatorWithDefaultOptions])(&allocator));
        nint name;
        Check(((delegate* unmanaged<nint, nuint, nint, nint*, nint>)_table[slot])(session, (nuint)index, allocator, &name));
        try
        {
            return Marshal.PtrToStringUTF8(name) ?? "";
        }
        finally
        {
            Check(((delegate* unmanaged<nint, nint, nint>)_table[OrtApiTable.AllocatorFree])(allocator, name));
        }
    }

    public nint CreateTensorWithData(nint memoryInfo, void* data, nuint byteLength, ReadOnlySpan<long> shape, int elementType)
    {
        fixed (long* dims = shape)
        {
            nint value;
            Check(((delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)_table[OrtApiTable.CreateTensorWithDataAsOrtValue])(
                memoryInfo, data, byteLength, dims, (nuint)shape.Length, elementType, &value));
            return value;
        }
    }

    public void Run(nint session, nint[] inputNames, nint[] inputs, nint[] outputNames, nint[] outputs)
    {
        fixed (nint* inNames = inputNames)
        fixed (nint* inValues = inputs)
        fixed (nint* outNames = outputNames)
        fixed (nint* outValues = outputs)
        {
            Check(((delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)_table[OrtApiTable.Run])(
                session, 0, inNames, inValues, (nuint)inputs.Length, outNames, (nuint)outputNames.Length, outValues));
        }
    }

    public bool IsTensor(nint value)
    {
        int isTensor;
        Check(((delegate* unmanaged<nint, int*, nint>)_table[OrtApiTable.IsTensor])(value, &isTensor));
        return isTensor != 0;
    }

    public void* GetTensorMutableData(nint value)
    {
        void* data;
        Check(((delegate* unmanaged<nint, void**, nint>)_table[OrtApiTable.GetTensorMutableData])(value, &data));
        return data;
    }

    public (int ElementType, long[] Shape) GetTensorTypeAndShape(nint value)
    {
        nint info;
        Check(((delegate* unmanaged<nint, nint*, nint>)_table[OrtApiTable.GetTensorTypeAndShape])(value, &info));
        try
        {
            int elementType;
            Check(((delegate* unmanaged<nint, int*, nint>)_table[OrtApiTable.GetTensorElementType])(info, &elementType));
            nuint rank;
            Check(((delegate* unmanaged<nint, nuint*, nint>)_table[OrtApiTable.GetDimensionsCount])(info, &rank));
            var shape = new long[(int)rank];
            fixed (long* dims = shape)
            {
                Check(((delegate* unmanaged<nint, long*, nuint, nint>)_table[OrtApiTable.GetDimensions])(info, dims, rank));
            }
            return (elementType, shape);
        }
        finally
        {
            Release(OrtApiTable.ReleaseTensorTypeAndShapeInfo, info);
        }
    }
}
