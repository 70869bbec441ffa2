using System.Runtime.InteropServices;
using ImageService.Imaging.Interop;

namespace ImageService.Imaging;

/// <summary>A libvips call failed; <see cref="Exception.Message"/> carries libvips' error buffer, which is
/// cleared when it is read.</summary>
public sealed class VipsException : Exception
{
    public VipsException()
    {
    }

    public VipsException(string message) : base(message)
    {
    }

    public VipsException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Builds the exception from (and clears) the libvips error buffer.</summary>
    internal static VipsException FromBuffer(string what)
    {
        var copy = VipsErrorNative.VipsErrorBufferCopy();
        var detail = copy == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(copy);
        if (copy != IntPtr.Zero)
        {
            VipsErrorNative.GFree(copy);
        }

        detail = string.IsNullOrWhiteSpace(detail) ? "no detail from libvips" : detail.Trim();
        return new VipsException($"{what}: {detail}");
    }
}
