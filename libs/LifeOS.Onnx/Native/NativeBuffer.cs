using System.Runtime.InteropServices;

namespace LifeOS.Onnx.Native;

/// <summary>Unmanaged memory that backs an input tensor: ONNX Runtime reads it in place, so it must not move or go
/// away before the tensor does.</summary>
internal sealed unsafe class NativeBuffer : SafeHandle
{
    public NativeBuffer(nuint byteLength)
        : base(0, ownsHandle: true)
    {
        // A zero-length tensor still needs a valid pointer.
        SetHandle((nint)NativeMemory.AlignedAlloc(Math.Max(byteLength, 1), 64));
        ByteLength = byteLength;
    }

    public nuint ByteLength { get; }

    public void* Pointer => (void*)handle;

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        NativeMemory.AlignedFree((void*)handle);
        return true;
    }
}
