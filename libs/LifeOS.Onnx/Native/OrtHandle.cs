using System.Runtime.InteropServices;

namespace LifeOS.Onnx.Native;

/// <summary>Owns one ONNX Runtime object and releases it through the C API's matching Release function.</summary>
/// <remarks>A handle may keep a parent alive (a session its environment, a tensor its buffer): finalizers run in no
/// particular order, so the reference count is what makes a child go before its parent.</remarks>
internal sealed class OrtHandle : SafeHandle
{
    private readonly OrtApi _api;
    private readonly int _releaseSlot;
    private readonly SafeHandle? _parent;

    public OrtHandle(OrtApi api, int releaseSlot, nint handle, SafeHandle? parent = null)
        : base(0, ownsHandle: true)
    {
        _api = api;
        _releaseSlot = releaseSlot;
        if (parent is not null)
        {
            var added = false;
            parent.DangerousAddRef(ref added);
            _parent = parent;
        }
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        _api.Release(_releaseSlot, handle);
        _parent?.DangerousRelease();
        return true;
    }
}
