using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace ImageService.Core.Paging;

/// <summary>
/// Wraps a store's raw continuation position (SQLite keyset, DynamoDB LastEvaluatedKey) in an opaque cursor that
/// clients cannot edit: an HMAC-SHA256 over the position and its <see cref="PageCursorScope"/>, so a cursor only
/// decodes for the same owner and filter that produced it. Both backends share it through the API.
/// </summary>
public sealed class PageCursorCodec
{
    private const byte FormatVersion = 1;
    private const int MacBytes = 16; // 128 bits: forging is out of reach, and cursors stay short in URLs
    private readonly byte[] key;

    public PageCursorCodec(ReadOnlySpan<byte> key)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("The cursor key must be at least 32 bytes.", nameof(key));
        }
        this.key = key.ToArray();
    }

    public string Encode(PageCursorScope scope, string position)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(position);
        var payload = new byte[1 + Encoding.UTF8.GetByteCount(position)];
        payload[0] = FormatVersion;
        Encoding.UTF8.GetBytes(position, payload.AsSpan(1));
        var mac = Mac(scope, payload);
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(mac)}";
    }

    /// <summary>False for anything this codec did not issue for <paramref name="scope"/>: edited, truncated, from
    /// another owner or filter, or not a cursor at all.</summary>
    public bool TryDecode(string? cursor, PageCursorScope scope, [NotNullWhen(true)] out string? position)
    {
        ArgumentNullException.ThrowIfNull(scope);
        position = null;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 4096)
        {
            return false;
        }
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !Base64Url.IsValid(cursor.AsSpan(0, dot)) || !Base64Url.IsValid(cursor.AsSpan(dot + 1)))
        {
            return false;
        }
        var payload = Base64Url.DecodeFromChars(cursor.AsSpan(0, dot));
        var mac = Base64Url.DecodeFromChars(cursor.AsSpan(dot + 1));
        if (payload.Length < 1 || payload[0] != FormatVersion || !CryptographicOperations.FixedTimeEquals(mac, Mac(scope, payload)))
        {
            return false;
        }
        try
        {
            position = new UTF8Encoding(false, true).GetString(payload, 1, payload.Length - 1);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private byte[] Mac(PageCursorScope scope, byte[] payload)
    {
        // Length-prefixed fields, so no choice of owner, album or tag can shift bytes between fields.
        using var buffer = new MemoryStream();
        Span<byte> header = stackalloc byte[5];
        foreach (var field in new[] { scope.OwnerId, scope.AlbumId, scope.Tag })
        {
            var bytes = field is null ? [] : Encoding.UTF8.GetBytes(field);
            header[0] = field is null ? (byte)0 : (byte)1;
            BitConverter.TryWriteBytes(header[1..], bytes.Length);
            buffer.Write(header);
            buffer.Write(bytes);
        }
        buffer.Write(payload);
        return HMACSHA256.HashData(key, buffer.ToArray())[..MacBytes];
    }
}
