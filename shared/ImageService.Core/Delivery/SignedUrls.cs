using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImageService.Core.Accounts;

namespace ImageService.Core.Delivery;

/// <summary>
/// Signed delivery URLs. <c>sig</c> is the lower-case hex HMAC-SHA256, keyed with a secret key, of the canonical string
/// <c>{canonical path}?{canonical query}</c>:
/// <list type="bullet">
/// <item>canonical path: the decoded request path split on '/', each segment RFC 3986-encoded, joined by '/'
/// (for ordinary ids it is the path as written: <c>/pk_…/img_…</c>);</item>
/// <item>canonical query: every parameter except <c>sig</c>, decoded ('+' is a space), each name and value
/// RFC 3986-encoded, sorted by encoded name then encoded value (ordinal), written <c>name=value</c>, joined by '&amp;';
/// the '?' is present even when there are no parameters.</item>
/// </list>
/// <c>exp</c> (unix seconds, optional) is signed like any other parameter; the URL works up to and including that
/// second. Any active key of the account verifies, so keys rotate without downtime.
/// </summary>
public static class SignedUrls
{
    public const string SignatureParameter = "sig";
    public const string ExpiresParameter = "exp";

    /// <summary>Parameters that belong to signing, not to the transform: strip them before parsing transform parameters.</summary>
    public static IReadOnlySet<string> ReservedParameters { get; } =
        new HashSet<string>([SignatureParameter, ExpiresParameter], StringComparer.Ordinal);

    /// <summary>Splits a raw query string (with or without the leading '?') into decoded name/value pairs, in order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseQuery(string? rawQuery)
    {
        var query = rawQuery.AsSpan();
        if (query.StartsWith("?"))
        {
            query = query[1..];
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var range in query.Split('&'))
        {
            var part = query[range];
            if (part.IsEmpty)
            {
                continue;
            }

            var equals = part.IndexOf('=');
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? [] : part[(equals + 1)..];
            pairs.Add(new(Rfc3986.DecodeQueryComponent(name.ToString()), Rfc3986.DecodeQueryComponent(value.ToString())));
        }

        return pairs;
    }

    /// <summary>The exact string that is signed (see the type summary).</summary>
    public static string CanonicalString(string path, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException("The path must start with '/'.", nameof(path));
        }

        var canonicalPath = string.Join('/', path.Split('/').Select(Rfc3986.Encode));
        var canonicalQuery = parameters
            .Where(p => p.Key != SignatureParameter)
            .Select(p => (Name: Rfc3986.Encode(p.Key), Value: Rfc3986.Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value);
        return canonicalPath + "?" + string.Join('&', canonicalQuery);
    }

    /// <summary>The lower-case hex signature of a URL with <paramref name="signingKey"/> (see <see cref="ApiKeys.SigningKey(ApiKey)"/>).</summary>
    public static string ComputeSignature(ReadOnlySpan<byte> signingKey, string path, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(CanonicalString(path, parameters)), mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// The query string (no leading '?') of a signed URL for <paramref name="path"/>: the parameters in canonical order,
    /// <c>exp</c> when <paramref name="expiresAt"/> is given, and <c>sig</c> last. Used by <c>POST /account/signed-urls</c>.
    /// </summary>
    public static string CreateSignedQuery(
        string path, IEnumerable<KeyValuePair<string, string>> parameters, ApiKey key, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var all = parameters.ToList();
        if (all.Any(p => ReservedParameters.Contains(p.Key)))
        {
            throw new ArgumentException("Pass the expiry as expiresAt; 'sig' and 'exp' are not transform parameters.", nameof(parameters));
        }

        if (expiresAt is { } expiry)
        {
            all.Add(new(ExpiresParameter, expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        }

        var canonical = CanonicalString(path, all);
        var signature = ComputeSignature(ApiKeys.SigningKey(key), path, all);
        var query = canonical[(canonical.IndexOf('?') + 1)..];
        return (query.Length == 0 ? "" : query + "&") + SignatureParameter + "=" + signature;
    }

    /// <summary>
    /// A complete signed delivery URL: <paramref name="deliveryBaseUrl"/> (the CDN origin, e.g. <c>https://cdn.example.com</c>;
    /// any path prefix on it is not signed) + <c>/{publicKey}/{imagePath}</c> with each segment RFC 3986-encoded + the
    /// signed query. What <c>POST /account/signed-urls</c> returns.
    /// </summary>
    public static string CreateUrl(
        string deliveryBaseUrl,
        string publicKey,
        string imagePath,
        IEnumerable<KeyValuePair<string, string>> parameters,
        ApiKey key,
        DateTimeOffset? expiresAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryBaseUrl);
        ArgumentException.ThrowIfNullOrEmpty(publicKey);
        ArgumentException.ThrowIfNullOrEmpty(imagePath);
        return CreateUrlForPath(deliveryBaseUrl.TrimEnd('/'), "/" + publicKey + "/" + imagePath.TrimStart('/'), parameters, key, expiresAt);
    }

    /// <summary>A signed URL on one of the account's custom domains: <c>https://{domain}/{imagePath}</c>, the path signed
    /// being <c>/{imagePath}</c> (what the request on that domain carries).</summary>
    public static string CreateCustomDomainUrl(
        string domain,
        string imagePath,
        IEnumerable<KeyValuePair<string, string>> parameters,
        ApiKey key,
        DateTimeOffset? expiresAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        ArgumentException.ThrowIfNullOrEmpty(imagePath);
        return CreateUrlForPath("https://" + domain, "/" + imagePath.TrimStart('/'), parameters, key, expiresAt);
    }

    private static string CreateUrlForPath(
        string origin, string path, IEnumerable<KeyValuePair<string, string>> parameters, ApiKey key, DateTimeOffset? expiresAt)
    {
        var encodedPath = string.Join('/', path.Split('/').Select(Rfc3986.Encode));
        return origin + encodedPath + "?" + CreateSignedQuery(path, parameters, key, expiresAt);
    }

    /// <summary>
    /// Checks a delivery request's signature. Order: a missing <c>sig</c> is <see cref="SignatureStatus.Missing"/> only when
    /// <paramref name="required"/>; a present one is always checked (so <c>exp</c> holds even where signing is optional);
    /// the signature is checked before the expiry, so an altered <c>exp</c> is <see cref="SignatureStatus.Invalid"/>.
    /// </summary>
    public static SignatureCheck Verify(
        string path,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        IReadOnlyList<ApiKey> activeKeys,
        bool required,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(activeKeys);
        var signatures = parameters.Where(p => p.Key == SignatureParameter).Select(p => p.Value).ToList();
        if (signatures.Count == 0)
        {
            return new(required ? SignatureStatus.Missing : SignatureStatus.NotPresent);
        }

        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (signatures.Count > 1 || !TryDecodeHex(signatures[0], presented))
        {
            return new(SignatureStatus.Invalid);
        }

        var message = Encoding.UTF8.GetBytes(CanonicalString(path, parameters));
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ApiKey? verifiedBy = null;
        foreach (var key in activeKeys)
        {
            HMACSHA256.HashData(ApiKeys.SigningKey(key), message, expected);
            if (CryptographicOperations.FixedTimeEquals(presented, expected) && key.IsActive)
            {
                verifiedBy = key;
            }
        }

        if (verifiedBy is null)
        {
            return new(SignatureStatus.Invalid);
        }

        var expiries = parameters.Where(p => p.Key == ExpiresParameter).Select(p => p.Value).ToList();
        if (expiries.Count == 0)
        {
            return new(SignatureStatus.Valid, verifiedBy);
        }

        if (expiries.Count > 1 || !long.TryParse(expiries[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
        {
            return new(SignatureStatus.Invalid);
        }

        return now.ToUnixTimeSeconds() > expiresAt
            ? new(SignatureStatus.Expired, verifiedBy)
            : new(SignatureStatus.Valid, verifiedBy);
    }

    private static bool TryDecodeHex(string hex, Span<byte> destination) =>
        hex.Length == destination.Length * 2
        && Convert.FromHexString(hex, destination, out _, out var written) == System.Buffers.OperationStatus.Done
        && written == destination.Length;
}
