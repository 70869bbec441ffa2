using ImageService.Imaging.Interop;

namespace ImageService.Imaging;

/// <summary>The current image of a pipeline; each step replaces it and releases the previous reference.</summary>
internal sealed class ImageChain(VipsImageHandle start) : IDisposable
{
    public VipsImageHandle Current { get; private set; } = start;

    public int Width => VipsImageNative.VipsImageGetWidth(Current);

    public int Height => VipsImageNative.VipsImageGetHeight(Current);

    public bool HasAlpha => VipsImageNative.VipsImageHasAlpha(Current);

    public ImageChain Then(Func<VipsImageHandle, VipsImageHandle> step)
    {
        var next = step(Current);
        Current.Dispose();
        Current = next;
        return this;
    }

    public ImageChain Then(string operation, Action<VipsOperation>? configure = null, string inputName = "in") =>
        Then(image => ImageOps.Unary(operation, image, configure, inputName));

    public void Dispose() => Current.Dispose();
}
