using ImageService.Imaging.Interop;

namespace ImageService.Imaging.Tests;

/// <summary>A fact that is skipped (with the reason shown) when this libvips build lacks the named operation,
/// e.g. a build without libheif has no heifsave_buffer.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresCodecFactAttribute : FactAttribute
{
    public RequiresCodecFactAttribute(params string[] operations)
    {
        Operations = operations;
        Libvips.EnsureInitialised();
        var missing = operations.Where(op => VipsBaseNative.VipsTypeFind("VipsOperation", op) == IntPtr.Zero).ToArray();
        if (missing.Length > 0)
        {
            Skip = $"This libvips build has no {string.Join(", ", missing)}.";
        }
    }

    public IReadOnlyList<string> Operations { get; }
}
