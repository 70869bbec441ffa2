using System.Text.Json;
using ImageService.Contracts.Accounts;

namespace ImageService.Dashboard.Services;

/// <summary>
/// URLs the browser can load in an <c>img</c> without a bearer token: the public delivery URL, or, when the account
/// requires signatures, a signed one from <c>POST /account/signed-urls</c> (valid for an hour). Tokens never go into URLs.
/// </summary>
public sealed class Thumbnails(ApiClient api)
{
    public const int SignedLifetimeSeconds = 3600;

    public async Task<string?> UrlAsync(AccountResponse account, string image, IReadOnlyList<KeyValuePair<string, string>> transform)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(transform);
        if (!account.RequireSignedUrls && !account.Plan.SignedUrlsRequired)
        {
            return DeliveryUrls.Of(account.DeliveryBaseUrl, account.PublicKey, image, transform);
        }
        var signed = await SignAsync(image, transform, SignedLifetimeSeconds);
        return signed.Value?.Url;
    }

    public Task<ApiResult<SignedUrlResponse>> SignAsync(string image, IReadOnlyList<KeyValuePair<string, string>> transform, long? expiresInSeconds)
    {
        ArgumentNullException.ThrowIfNull(transform);
        var parameters = transform.Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value.Trim(), DashboardJsonContext.Default.String), StringComparer.Ordinal);
        return api.SendAsync(HttpMethod.Post, "account/signed-urls",
            new SignedUrlRequest { Image = image, Transform = parameters, ExpiresInSeconds = expiresInSeconds },
            DashboardJsonContext.Default.SignedUrlRequest, DashboardJsonContext.Default.SignedUrlResponse);
    }
}
