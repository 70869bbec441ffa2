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

internal sealed class VipsImageHandle : VipsObjectHandle
{
    public VipsImageHandle()
    {
    }

    /// <summary>Takes ownership of one reference the caller already holds.</summary>
    public VipsImageHandle(nint ownedReference) : base(ownedReference)
    {
    }
}

internal sealed class VipsOperationHandle : VipsObjectHandle
{
    public VipsOperationHandle()
    {
    }

    public VipsOperationHandle(nint ownedReference) : base(ownedReference)
    {
    }
}

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
