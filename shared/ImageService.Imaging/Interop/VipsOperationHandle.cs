namespace ImageService.Imaging.Interop;

internal sealed class VipsOperationHandle : VipsObjectHandle
{
    public VipsOperationHandle()
    {
    }

    /// <summary>Takes ownership of one reference the caller already holds.</summary>
    public VipsOperationHandle(nint ownedReference) : base(ownedReference)
    {
    }
}
