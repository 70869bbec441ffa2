using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ImageService.Imaging;
using ImageService.Imaging.Interop;

namespace ImageService.Imaging.Tests;

/// <summary>Builds test images with libvips itself, and inspects outputs (pixels, metadata fields).</summary>
internal static class TestImages
{
    public static readonly double[] Red = [255, 0, 0];
    public static readonly double[] Green = [0, 255, 0];
    public static readonly double[] Blue = [0, 0, 255];
    public static readonly double[] White = [255, 255, 255];

    static TestImages() => Libvips.EnsureInitialised();

    public static VipsImageHandle Solid(int width, int height, double[] colour)
    {
        using var black = Run("black", op => op.Set("width", width).Set("height", height).Set("bands", colour.Length));
        using var coloured = Run("linear", op => op.Set("in", black).Set("a", Enumerable.Repeat(1.0, colour.Length).ToArray()).Set("b", colour));
        return ImageOps.Unary("cast", coloured, op => op.Set("format", "uchar"));
    }

    /// <summary>Red top-left, green top-right, blue bottom-left, white bottom-right.</summary>
    public static VipsImageHandle Quadrants(int width, int height)
    {
        var image = Solid(width, height, White);
        foreach (var (colour, x, y) in new[] { (Red, 0, 0), (Green, width / 2, 0), (Blue, 0, height / 2) })
        {
            using var tile = Solid(width / 2, height / 2, colour);
            using var previous = image;
            image = Run("insert", op => op.Set("main", previous).Set("sub", tile).Set("x", x).Set("y", y));
        }

        return image;
    }

    /// <summary>Grey Gaussian noise: detail an encoder cannot smooth away, so its effort shows in the size.</summary>
    public static VipsImageHandle Noise(int width, int height)
    {
        using var noise = Run("gaussnoise", op => op.Set("width", width).Set("height", height).Set("mean", 128.0).Set("sigma", 40.0));
        return ImageOps.Unary("cast", noise, op => op.Set("format", "uchar"));
    }

    public static VipsImageHandle Run(string operation, Action<VipsOperation> configure)
    {
        using var op = VipsOperation.Create(operation);
        configure(op);
        return op.Build().GetImage("out");
    }

    public static byte[] Save(VipsImageHandle image, string saver, Action<VipsOperation>? configure = null)
    {
        using var op = VipsOperation.Create(saver).Set("in", image);
        configure?.Invoke(op);
        return op.Build().GetBytes("buffer");
    }

    /// <summary>A copy of <paramref name="image"/> whose EXIF orientation field is <paramref name="orientation"/>.</summary>
    public static VipsImageHandle WithOrientation(VipsImageHandle image, int orientation)
    {
        var copy = ImageOps.Unary("copy", image);
        VipsImageNative.VipsImageSetInt(copy, "orientation", orientation);
        return copy;
    }

    /// <summary>A copy carrying EXIF with an IFD0 orientation and a GPS IFD (latitude ref "N").</summary>
    public static VipsImageHandle WithGpsExif(VipsImageHandle image)
    {
        var exif = new byte[6 + 68];
        "Exif\0\0"u8.CopyTo(exif);
        var tiff = exif.AsSpan(6);
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff[4..], 8);
        WriteIfd(tiff[8..], [(0x0112, 3, 1, 1u), (0x8825, 4, 1, 38u)]);
        WriteIfd(tiff[38..], [(0x0000, 1, 4, 0x0000_0202u), (0x0001, 2, 2, 'N')]);
        var copy = ImageOps.Unary("copy", image);
        VipsImageNative.VipsImageSetBlobCopy(copy, "exif-data", exif, (nuint)exif.Length);
        return copy;
    }

    private static void WriteIfd(Span<byte> at, (ushort Tag, ushort Type, uint Count, uint Value)[] entries)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = at[(2 + (i * 12))..];
            BinaryPrimitives.WriteUInt16LittleEndian(entry, entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], entries[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], entries[i].Count);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], entries[i].Value);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(at[(2 + (entries.Length * 12))..], 0);
    }

    /// <summary>Fully decodes <paramref name="bytes"/> into memory (all frames).</summary>
    public static VipsImageHandle Decode(byte[] bytes)
    {
        var format = FormatSniffer.Sniff(bytes) ?? throw new InvalidOperationException("not an image");
        using var pinned = PinnedSource.Pin(bytes);
        using var op = VipsOperation.Create(ImageOps.LoaderFor(format)).Set("buffer", pinned.Blob);
        if (format is "gif" or "webp")
        {
            op.Set("n", -1);
        }

        using var loaded = op.Build().GetImage("out");
        return ImageOps.CopyMemory(loaded);
    }

    public static double[] Pixel(VipsImageHandle image, int x, int y)
    {
        using var op = VipsOperation.Create("getpoint").Set("in", image).Set("x", x).Set("y", y).Build();
        return op.GetDoubles("out_array");
    }

    public static string[] Fields(VipsImageHandle image)
    {
        var list = VipsImageNative.VipsImageGetFields(image);
        var names = new List<string>();
        for (var i = 0; Marshal.ReadIntPtr(list, i * IntPtr.Size) is var p && p != IntPtr.Zero; i++)
        {
            names.Add(Marshal.PtrToStringUTF8(p)!);
        }

        VipsImageNative.GStrfreev(list);
        return [.. names];
    }

    public static int Width(VipsImageHandle image) => VipsImageNative.VipsImageGetWidth(image);

    public static int Height(VipsImageHandle image) => VipsImageNative.VipsImageGetHeight(image);

    public static int Bands(VipsImageHandle image) => VipsImageNative.VipsImageGetBands(image);

    public static bool Has(string operation) => VipsBaseNative.VipsTypeFind("VipsOperation", operation) != IntPtr.Zero;
}
