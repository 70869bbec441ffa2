using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

/// <summary>One reference to a GObject-derived libvips object (VipsImage, VipsOperation, ...).</summary>
internal abstract class VipsObjectHandle : SafeHandle
{
    protected VipsObjectHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    protected VipsObjectHandle(nint reference) : this() => SetHandle(reference);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        GObjectNative.GObjectUnref(handle);
        return true;
    }
}
