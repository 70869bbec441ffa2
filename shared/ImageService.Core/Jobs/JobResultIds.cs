using System.Security.Cryptography;
using System.Text;
using ImageService.Core.Ids;

namespace ImageService.Core.Jobs;

/// <summary>The id of the image an item creates, derived from the job and the item: a redelivered item that already
/// stored its result finds the same id taken instead of storing a second image. Same layout as <see cref="ImageIdGenerator"/>
/// (the job's creation time, then 80 bits of SHA-256 of job and item id), so it sorts and validates like any image id.</summary>
public static class JobResultIds
{
    public static string For(Job job, string itemId)
    {
        ArgumentNullException.ThrowIfNull(job);
        Span<byte> bytes = stackalloc byte[16];
        var millis = job.CreatedAt.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)(millis & 0xFF);
            millis >>= 8;
        }
        SHA256.HashData(Encoding.UTF8.GetBytes($"{job.Id}/{itemId}"))[..10].CopyTo(bytes[6..]);
        return ImageIds.Encode(bytes);
    }
}
