namespace ImageService.Imaging.Interop;

/// <summary>The one native library every import binds to. NetVips.Native ships libvips as a single .so (soname
/// <c>libvips.so.42</c>) with glib and gobject linked in and exported, so GObject and GValue imports use the same name.</summary>
internal static class VipsLibrary
{
    public const string Name = "libvips.so.42";
}
