namespace ImageService.Lambda.Tests;

internal static class TestBytes
{
    /// <summary>Every byte value, twice, after a PNG signature: invalid UTF-8, so only base64 carries it intact.</summary>
    public static byte[] Image() =>
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, 512).Select(i => (byte)(i % 256))];

    /// <summary>The file inside the multipart fixture: byte values 0..255.</summary>
    public static byte[] AllByteValues() => [.. Enumerable.Range(0, 256).Select(i => (byte)i)];
}
