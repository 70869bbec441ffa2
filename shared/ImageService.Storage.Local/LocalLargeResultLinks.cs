using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImageService.Core.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace ImageService.Storage.Local;

/// <summary>
/// Embedded backend: large results are served at <c>GET /delivery-results/{token}</c> (<see cref="LocalStorageEndpoints"/>), where the token is
/// <c>{base64url(blob key)}.{expiry unix seconds}.{base64url(HMAC-SHA256)}</c>. The HMAC makes the link the credential
/// (nobody can read another derived result by editing it); the expiry bounds how long a leaked link works.
/// </summary>
public sealed class LocalLargeResultLinks(byte[] key, TimeProvider time) : ILargeResultLinks
{
    public const string RoutePrefix = "/delivery-results/";

    public Task<Uri> CreateAsync(Uri requestOrigin, string blobKey, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestOrigin);
        var expires = time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var payload = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(blobKey)) + "." + expires;
        return Task.FromResult(new Uri($"{requestOrigin.AbsoluteUri.TrimEnd('/')}{RoutePrefix}{payload}.{Sign(payload)}"));
    }

    /// <summary>The blob key of a valid, unexpired token; null otherwise.</summary>
    public string? Open(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || time.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return null;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(parts[0]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Sign(string payload) => WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload)));
}
