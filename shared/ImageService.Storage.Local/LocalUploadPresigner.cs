using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImageService.Core.Storage;

namespace ImageService.Storage.Local;

/// <summary>
/// The embedded backend's stand-in for an S3 presigned request: a URL <c>PUT {UploadPath}{token}</c> served by the API,
/// where the token carries owner, image id, size limit and expiry under an HMAC-SHA256. The URL is relative; the API
/// makes it absolute with the request's own scheme and host.
/// </summary>
public sealed class LocalUploadPresigner : IUploadPresigner
{
    private const string Version = "u1";
    private readonly byte[] key;
    private readonly string uploadPath;
    private readonly TimeProvider timeProvider;

    public LocalUploadPresigner(LocalStorageOptions options) : this(options, TimeProvider.System) { }

    public LocalUploadPresigner(LocalStorageOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.timeProvider = timeProvider;
        uploadPath = options.UploadPath.EndsWith('/') ? options.UploadPath : options.UploadPath + "/";
        key = string.IsNullOrEmpty(options.UploadSigningKey) ? LoadOrCreateKey(options.FullDataDirectory) : Convert.FromBase64String(options.UploadSigningKey);
        if (key.Length < 32)
        {
            throw new ArgumentException("Storage:UploadSigningKey must be at least 32 bytes (base64).", nameof(options));
        }
    }

    public Task<PresignedUpload> CreateAsync(string ownerId, string imageId, long maxBytes, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var expiresAt = timeProvider.GetUtcNow().Add(lifetime);
        var payload = string.Join('\n', Version, ownerId, imageId, maxBytes.ToString(CultureInfo.InvariantCulture),
            expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var payloadBytes = Encoding.UTF8.GetBytes(payload);
        var token = $"{Base64Url.EncodeToString(payloadBytes)}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, payloadBytes))}";
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Content-Type"] = "application/octet-stream" };
        return Task.FromResult(new PresignedUpload(uploadPath + token, "PUT", new Dictionary<string, string>(), headers,
            DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds()), maxBytes));
    }

    /// <summary>True for an unexpired token this presigner signed.</summary>
    public bool TryValidate(string? token, [NotNullWhen(true)] out LocalUploadGrant? grant)
    {
        grant = null;
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return false;
        }
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !Base64Url.IsValid(token.AsSpan(0, dot)) || !Base64Url.IsValid(token.AsSpan(dot + 1)))
        {
            return false;
        }
        var payloadBytes = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
        if (!CryptographicOperations.FixedTimeEquals(Base64Url.DecodeFromChars(token.AsSpan(dot + 1)), HMACSHA256.HashData(key, payloadBytes)))
        {
            return false;
        }
        var parts = Encoding.UTF8.GetString(payloadBytes).Split('\n');
        if (parts.Length != 5 || parts[0] != Version
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var maxBytes)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return false;
        }
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expires);
        if (timeProvider.GetUtcNow() >= expiresAt)
        {
            return false;
        }
        grant = new LocalUploadGrant(parts[1], parts[2], maxBytes, expiresAt);
        return true;
    }

    private static byte[] LoadOrCreateKey(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "upload-signing.key");
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        var fresh = RandomNumberGenerator.GetBytes(32);
        var temp = path + "." + Guid.NewGuid().ToString("N");
        try
        {
            File.WriteAllText(temp, Convert.ToBase64String(fresh));
        }
        catch (IOException ex)
        {
            // A full disk, found by the first upload: a 503 like any storage failure, no half-written key left behind,
            // and the next request tries again (the container does not keep a failed singleton).
            File.Delete(temp);
            throw new StorageUnavailableException("Could not create the upload signing key.", ex);
        }
        try
        {
            // Two processes starting together: the first rename wins and both then read the same key.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temp);
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
