using System.Security.Cryptography;

namespace ImageService.Core.Ids;

/// <summary>
/// Issues image ids that sort by creation time: 26 characters of Crockford base32 holding a 48-bit Unix
/// millisecond timestamp followed by 80 random bits (the ULID layout). Lexical order is time order, so stores can
/// break CreatedAt ties by id and key ranges stay compact; the random part makes ids unguessable.
/// </summary>
public sealed class ImageIdGenerator(TimeProvider timeProvider)
{
    public ImageIdGenerator() : this(TimeProvider.System) { }

    public string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        var millis = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)(millis & 0xFF);
            millis >>= 8;
        }
        RandomNumberGenerator.Fill(bytes[6..]);
        return ImageIds.Encode(bytes);
    }
}
