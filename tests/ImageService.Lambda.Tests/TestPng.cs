using System.Buffers.Binary;
using System.IO.Compression;
using ImageService.Tests.Shared;

namespace ImageService.Lambda.Tests;

/// <summary>Real PNG files made by the tests (zlib-compressed RGB rows), and the facts a response's PNG is checked by.</summary>
internal static class TestPng
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A width x height RGB gradient; <paramref name="seed"/> varies the pixels, so two uploads differ.</summary>
    public static byte[] Gradient(int width, int height, int seed = 0)
    {
        var rows = new byte[height * (1 + (width * 3))];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + (width * 3)); // filter byte 0 (none), then RGB
            for (var x = 0; x < width; x++)
            {
                rows[row + 1 + (x * 3)] = (byte)(x * 255 / Math.Max(1, width - 1));
                rows[row + 2 + (x * 3)] = (byte)(y * 255 / Math.Max(1, height - 1));
                rows[row + 3 + (x * 3)] = (byte)(seed * 37);
            }
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(rows);
        }
        return PngFiles.Build(width, height, colourType: 2, compressed.ToArray());
    }

    /// <summary>Width and height from the IHDR chunk, after checking the signature and that IHDR comes first.</summary>
    public static (int Width, int Height) Dimensions(byte[] png)
    {
        Assert.True(png.Length > 24 && png.AsSpan(0, 8).SequenceEqual(Signature), "not a PNG (signature)");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
