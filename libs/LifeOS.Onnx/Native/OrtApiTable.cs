namespace LifeOS.Onnx.Native;

/// <summary>Slots of the C API's <c>OrtApi</c> function table that this binding calls.</summary>
/// <remarks>
/// <c>OrtApi</c> is a struct of function pointers, in declaration order, in <c>onnxruntime_c_api.h</c>. ONNX Runtime
/// only ever appends to it (its ABI promise), so the slot numbers below, counted against the header of API version 13,
/// hold for every later runtime, 1.28 included. Each number was counted by hand from the header; the binding checks
/// the first three at load time (a status round trip) and the tests run real models through the rest.
/// </remarks>
internal static class OrtApiTable
{
    public const int CreateStatus = 0;
    public const int GetErrorCode = 1;
    public const int GetErrorMessage = 2;
    public const int CreateEnv = 3;
    public const int CreateSession = 7;
    public const int CreateSessionFromArray = 8;
    public const int Run = 9;
    public const int CreateSessionOptions = 10;
    public const int SetSessionGraphOptimizationLevel = 23;
    public const int SetIntraOpNumThreads = 24;
    public const int SetInterOpNumThreads = 25;
    public const int SessionGetInputCount = 30;
    public const int SessionGetOutputCount = 31;
    public const int SessionGetInputName = 36;
    public const int SessionGetOutputName = 37;
    public const int CreateTensorWithDataAsOrtValue = 49;
    public const int IsTensor = 50;
    public const int GetTensorMutableData = 51;
    public const int GetTensorElementType = 60;
    public const int GetDimensionsCount = 61;
    public const int GetDimensions = 62;
    public const int GetTensorShapeElementCount = 64;
    public const int GetTensorTypeAndShape = 65;
    public const int CreateCpuMemoryInfo = 69;
    public const int AllocatorFree = 76;
    public const int GetAllocatorWithDefaultOptions = 78;
    public const int ReleaseEnv = 92;
    public const int ReleaseStatus = 93;
    public const int ReleaseMemoryInfo = 94;
    public const int ReleaseSession = 95;
    public const int ReleaseValue = 96;
    public const int ReleaseTensorTypeAndShapeInfo = 99;
    public const int ReleaseSessionOptions = 100;

    /// <summary>The API version asked of <c>OrtApiBase.GetApi</c>: the header the slots were counted against.</summary>
    public const uint ApiVersion = 13;
}
