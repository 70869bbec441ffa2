using System.IO.Compression;
using System.Text;
using ImageService.Core.Imaging;
using ImageService.Imaging;
using ImageService.Tests.Shared;

namespace ImageService.Api.Tests;

/// <summary>Images made by the tests: a small PNG writer for exact control of headers, and the engine for other formats.</summary>
public static class TestImages
{
    private static readonly Lazy<VipsImageProcessor> Engine = new(() => new VipsImageProcessor());

    /// <summary>An RGB(A) PNG with a gradient, so encoders have something to compress.</summary>
    public static byte[] Png(int width, int height, bool alpha = false, int seed = 0)
    {
        var channels = alpha ? 4 : 3;
        var raw = new byte[height * (1 + width * channels)];
        var i = 0;
        for (var y = 0; y < height; y++)
        {
            raw[i++] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                raw[i++] = (byte)(x * 255 / Math.Max(1, width - 1));
                raw[i++] = (byte)(y * 255 / Math.Max(1, height - 1));
                raw[i++] = (byte)((x + y + seed * 37) & 0xFF);
                if (alpha)
                {
                    raw[i++] = (byte)(128 + (x & 0x7F));
                }
            }
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }
        return PngFiles.Build(width, height, alpha ? (byte)6 : (byte)2, compressed.ToArray());
    }

    /// <summary>A PNG whose header declares <paramref name="width"/> x <paramref name="height"/> with almost no pixel data:
    /// only a decoder that trusts the header before checking limits would allocate for it.</summary>
    public static byte[] PngHeaderOnly(int width, int height) => PngFiles.Build(width, height, 2, [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);

    public static byte[] Jpeg(int width, int height, int seed = 0) => Render(Png(width, height, seed: seed), OutputFormat.Jpeg);

    public static byte[] Render(byte[] source, OutputFormat format) =>
        Engine.Value.Transform(source, new TransformSpec { Format = format }, new TransformContext()).Bytes;

    public static ImageInfo Probe(byte[] bytes) => Engine.Value.Probe(bytes);

    /// <summary>Format and size of encoded bytes, for one-line assertions.</summary>
    public static (string Format, int Width, int Height) Shape(byte[] bytes)
    {
        var info = Probe(bytes);
        return (info.Format, info.Width, info.Height);
    }

    public static byte[] Pdf => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Svg => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" fill=\"red\"/></svg>");

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
