namespace ImageService.Api.Accounts;

/// <summary>Server-to-server authentication with <c>X-API-Key: sk_…</c>.</summary>
public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-API-Key";
    /// <summary>Claim that names the key a request authenticated with (its id, never the secret).</summary>
    public const string KeyIdClaim = "key_id";
}
