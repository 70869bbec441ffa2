using System.Buffers.Binary;
using ImageService.Tests.Shared;

namespace ImageService.Fuzz.Tests;

/// <summary>Byte-level mutations of real files: the damage that transfers, storage and hostile clients do.</summary>
internal static class Mutations
{
    public static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = (byte[])source.Clone();
        var rounds = 1 + random.Next(3);
        for (var round = 0; round < rounds && bytes.Length > 0; round++)
        {
            bytes = random.Next(7) switch
            {
                0 => bytes[..random.Next(bytes.Length)],                         // truncation
                1 => FlipBits(bytes, random),                                     // bit flips
                2 => ShuffleChunks(bytes, random),                                // swap two ranges
                3 => Duplicate(bytes, random),                                    // repeat a range
                4 => Overwrite(bytes, random),                                    // 0x00 / 0xFF / random runs
                5 => OversizeDimensions(bytes, random),                           // headers that lie about size
                _ => Insert(bytes, random),                                       // junk in the middle
            };
        }
        return bytes;
    }

    private static byte[] FlipBits(byte[] bytes, Random random)
    {
        for (var n = 1 + random.Next(16); n > 0; n--)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        }
        return bytes;
    }

    private static byte[] ShuffleChunks(byte[] bytes, Random random)
    {
        var length = Math.Max(1, random.Next(Math.Max(1, bytes.Length / 8)));
        if (bytes.Length < 2 * length)
        {
            return bytes;
        }
        var a = random.Next(bytes.Length - 2 * length + 1);
        var b = a + length + random.Next(bytes.Length - a - 2 * length + 1);
        var temp = bytes.AsSpan(a, length).ToArray();
        bytes.AsSpan(b, length).CopyTo(bytes.AsSpan(a, length));
        temp.CopyTo(bytes.AsSpan(b, length));
        return bytes;
    }

    private static byte[] Duplicate(byte[] bytes, Random random)
    {
        var start = random.Next(bytes.Length);
        var length = Math.Min(bytes.Length - start, 1 + random.Next(256));
        return [.. bytes[..(start + length)], .. bytes.AsSpan(start, length), .. bytes[(start + length)..]];
    }

    private static byte[] Overwrite(byte[] bytes, Random random)
    {
        var start = random.Next(bytes.Length);
        var length = Math.Min(bytes.Length - start, 1 + random.Next(64));
        var kind = random.Next(3);
        for (var i = start; i < start + length; i++)
        {
            bytes[i] = kind switch { 0 => 0x00, 1 => 0xFF, _ => (byte)random.Next(256) };
        }
        return bytes;
    }

    private static byte[] Insert(byte[] bytes, Random random)
    {
        var at = random.Next(bytes.Length + 1);
        var junk = new byte[1 + random.Next(128)];
        random.NextBytes(junk);
        return [.. bytes[..at], .. junk, .. bytes[at..]];
    }

    /// <summary>Rewrites the declared size where the format keeps it (PNG IHDR with a valid CRC, JPEG SOF, GIF logical
    /// screen, WebP VP8X canvas), so only a decoder that trusts the header before its limits would allocate for it.</summary>
    private static byte[] OversizeDimensions(byte[] bytes, Random random)
    {
        uint Huge() => random.Next(4) switch { 0 => 0x7FFFFFFF, 1 => 0xFFFFFFFF, 2 => 65535, _ => (uint)random.Next(20_000, 200_000) };
        if (bytes.Length > 33 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G')
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), Huge());
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), Huge());
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), PngFiles.Crc32(bytes.AsSpan(12, 17).ToArray()));
            return bytes;
        }
        if (bytes.Length > 4 && bytes[0] == 0xFF && bytes[1] == 0xD8)
        {
            for (var i = 2; i + 9 < bytes.Length; i++)
            {
                if (bytes[i] == 0xFF && bytes[i + 1] is >= 0xC0 and <= 0xC3)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 5), (ushort)Huge());
                    BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 7), (ushort)Huge());
                    return bytes;
                }
            }
            return bytes;
        }
        if (bytes.Length > 10 && bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F')
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), (ushort)Huge());
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)Huge());
            return bytes;
        }
        if (bytes.Length > 30 && bytes[8] == 'W' && bytes[12] == 'V' && bytes[15] == 'X')
        {
            var w = Huge() & 0xFFFFFF;
            bytes[24] = (byte)w; bytes[25] = (byte)(w >> 8); bytes[26] = (byte)(w >> 16);
            bytes[27] = (byte)w; bytes[28] = (byte)(w >> 8); bytes[29] = (byte)(w >> 16);
            return bytes;
        }
        return FlipBits(bytes, random);
    }
}
