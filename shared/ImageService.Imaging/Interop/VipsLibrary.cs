namespace ImageService.Imaging.Interop;

/// <summary>The one native library every import binds to. The sharp build ships a single .so that exports the
/// whole libvips C API plus glib and gobject, so GObject and GValue imports use the same name.</summary>
internal static class VipsLibrary
{
    public const string Name = "libvips-cpp.so.8.18.7";
}
