namespace ImageService.Imaging.Interop;

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
