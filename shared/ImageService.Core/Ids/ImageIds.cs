using System.Buffers.Binary;

namespace ImageService.Core.Ids;

/// <summary>Format of the ids <see cref="ImageIdGenerator"/> issues. Validating before any lookup keeps client input
/// out of storage keys and queries.</summary>
public static class ImageIds
{
    public const int Length = 26;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static bool IsValid(string? id)
    {
        if (id is null || id.Length != Length || id[0] > '7')
        {
            return false; // the first character carries only 3 bits of the 128
        }
        foreach (var c in id)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The creation time encoded in a valid id.</summary>
    public static DateTimeOffset TimestampOf(string id)
    {
        if (!IsValid(id))
        {
            throw new ArgumentException("Not an image id.", nameof(id));
        }
        long millis = 0;
        for (var i = 0; i < 10; i++)
        {
            millis = (millis << 5) | (long)Alphabet.IndexOf(id[i], StringComparison.Ordinal);
        }
        return DateTimeOffset.FromUnixTimeMilliseconds(millis);
    }

    internal static string Encode(ReadOnlySpan<byte> bytes)
    {
        var value = new UInt128(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        Span<char> chars = stackalloc char[Length];
        for (var i = Length - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(chars);
    }
}
