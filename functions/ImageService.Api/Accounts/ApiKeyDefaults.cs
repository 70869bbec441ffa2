namespace ImageService.Api.Accounts;

/// <summary>Server-to-server authentication with <c>X-API-Key: sk_…</c>.</summary>
public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-API-Key";
    /// <summary>Claim that names the key a request authenticated with (its id, never the secret).</summary>
    public const string KeyIdClaim = "key_id";
    /// <summary>
    /// Every management route is also served under this prefix (<c>/server/images</c>, <c>/server/account</c>, …). On AWS,
    /// API Gateway's JWT authorizer guards the plain routes and refuses requests without a bearer token, so
    /// server-to-server callers with <c>X-API-Key</c> use the prefixed routes, which API Gateway passes through and the
    /// app authenticates (the Lambda functions validate no bearer tokens themselves, so only a key gets in there).
    /// </summary>
    public const string ServerPathBase = "/server";
}
