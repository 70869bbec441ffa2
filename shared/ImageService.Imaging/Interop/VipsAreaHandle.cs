using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

/// <summary>One reference to a VipsArea (VipsBlob, VipsArrayDouble, ...).</summary>
internal sealed class VipsAreaHandle : SafeHandle
{
    public VipsAreaHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public VipsAreaHandle(nint ownedReference) : this() => SetHandle(ownedReference);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        VipsAreaNative.VipsAreaUnref(handle);
        return true;
    }
}
