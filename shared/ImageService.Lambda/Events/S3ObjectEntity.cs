using System.Net;
using System.Text.Json.Serialization;

namespace ImageService.Lambda.Events;

/// <summary>The object of a notification. S3 sends <see cref="Key"/> URL-encoded (a space arrives as <c>+</c>);
/// <see cref="DecodedKey"/> is the key to read. <see cref="Sequencer"/> orders events for the same key.</summary>
public sealed record S3ObjectEntity(string Key, long Size, string? ETag, string? Sequencer)
{
    [JsonIgnore]
    public string DecodedKey => WebUtility.UrlDecode(Key);
}
