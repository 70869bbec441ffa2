using System.Security.Cryptography;
using System.Text;

namespace ImageService.Core.Accounts;

/// <summary>
/// Making, hashing and checking keys. Public keys are <c>pk_</c> + 24 base62 characters (~143 bits; they only need
/// to be unguessable enough not to enumerate accounts). Secret keys are <c>sk_</c> + 64 base62 characters (~381 bits),
/// stored as SHA-256: a fast hash is right for high-entropy secrets (nothing to brute-force), and it lets the store
/// find a key by the hash of what a caller presents.
/// </summary>
/// <remarks>
/// The secret is deliberately longer than SHA-256's 64-byte block. HMAC (RFC 2104, section 2) first hashes any key
/// longer than the block, so HMAC-SHA256(secret, m) equals HMAC-SHA256(SHA-256(secret), m): customers sign URLs with
/// the secret they were shown, while the service verifies with the stored hash and never keeps the secret.
/// </remarks>
public static class ApiKeys
{
    public const string PublicKeyPrefix = "pk_";
    public const string SecretKeyPrefix = "sk_";
    public const int PublicKeyRandomLength = 24;
    public const int SecretKeyRandomLength = 64;
    /// <summary>How much of a secret is kept for display: the <c>sk_</c> prefix and 8 random characters.</summary>
    public const int DisplayPrefixLength = 11;

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int KeyIdRandomLength = 20;

    public static string NewPublicKey() => PublicKeyPrefix + RandomNumberGenerator.GetString(Base62, PublicKeyRandomLength);

    /// <summary>A new secret key for the account; the caller stores <see cref="NewApiKey.Key"/> and shows <see cref="NewApiKey.Secret"/> once.</summary>
    public static NewApiKey Create(string accountId, string? name, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var secret = SecretKeyPrefix + RandomNumberGenerator.GetString(Base62, SecretKeyRandomLength);
        var key = new ApiKey
        {
            Id = "key_" + RandomNumberGenerator.GetString(Base62, KeyIdRandomLength),
            AccountId = accountId,
            Prefix = secret[..DisplayPrefixLength],
            SecretHash = HashSecret(secret),
            Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
            CreatedAt = now,
        };
        return new NewApiKey(key, secret);
    }

    /// <summary>Lower-case hex SHA-256 of the secret's UTF-8 bytes, the form stored in <see cref="ApiKey.SecretHash"/>.</summary>
    public static string HashSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    public static bool IsWellFormedPublicKey(string? value) => IsWellFormed(value, PublicKeyPrefix, PublicKeyRandomLength);

    /// <summary>Cheap shape check before any lookup, so garbage in X-API-Key never reaches the store.</summary>
    public static bool IsWellFormedSecret(string? value) => IsWellFormed(value, SecretKeyPrefix, SecretKeyRandomLength);

    /// <summary>
    /// The active key among <paramref name="keys"/> whose secret is <paramref name="presentedSecret"/>, or null.
    /// Revoked keys never match. Hashes are compared in constant time and every key is compared, so timing reveals
    /// neither which key matched nor how much of a hash did.
    /// </summary>
    public static ApiKey? MatchSecret(string? presentedSecret, IEnumerable<ApiKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!IsWellFormedSecret(presentedSecret))
        {
            return null;
        }

        Span<byte> presentedHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presentedSecret!), presentedHash);
        ApiKey? match = null;
        foreach (var key in keys)
        {
            if (HashEquals(presentedHash, key.SecretHash) && key.IsActive)
            {
                match = key;
            }
        }

        return match;
    }

    /// <summary>The HMAC key for signed URLs: the stored hash's bytes (equivalent to the secret itself; see the type remarks).</summary>
    public static byte[] SigningKey(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.FromHexString(key.SecretHash);
    }

    /// <summary>The HMAC key derived from a secret the caller holds (what a customer's backend does when it signs).</summary>
    public static byte[] SigningKey(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static bool HashEquals(ReadOnlySpan<byte> presentedHash, string storedHex)
    {
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        if (storedHex.Length != SHA256.HashSizeInBytes * 2
            || Convert.FromHexString(storedHex, stored, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != stored.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(presentedHash, stored);
    }

    private static bool IsWellFormed(string? value, string prefix, int randomLength)
    {
        if (value is null || value.Length != prefix.Length + randomLength || !value.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value.AsSpan(prefix.Length))
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
