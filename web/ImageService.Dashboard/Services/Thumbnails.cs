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

    /// <summary>The grid's thumbnail of one image: <c>?variant=</c><see cref="GridVariant.Name"/> when the account has
    /// that variant (stored at upload), else the same transform spelled out; signed when the account requires it (a
    /// signature covers transform parameters, and the same transform addresses the same stored result).</summary>
    public Task<string?> GridUrlAsync(AccountResponse account, string image, bool hasGridVariant)
    {
        ArgumentNullException.ThrowIfNull(account);
        return !RequiresSignature(account) && hasGridVariant
            ? Task.FromResult<string?>(DeliveryUrls.Of(account.DeliveryBaseUrl, account.PublicKey, image, [new("variant", GridVariant.Name)]))
            : UrlAsync(account, image, GridVariant.Transform);
    }

    public async Task<string?> UrlAsync(AccountResponse account, string image, IReadOnlyList<KeyValuePair<string, string>> transform)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(transform);
        if (!RequiresSignature(account))
        {
            return DeliveryUrls.Of(account.DeliveryBaseUrl, account.PublicKey, image, transform);
        }
        var signed = await SignAsync(image, transform, SignedLifetimeSeconds);
        return signed.Value?.Url;
    }

    private static bool RequiresSignature(AccountResponse account) => account.RequireSignedUrls || account.Plan.SignedUrlsRequired;

    public Task<ApiResult<SignedUrlResponse>> SignAsync(string image, IReadOnlyList<KeyValuePair<string, string>> transform, long? expiresInSeconds)
    {
        ArgumentNullException.ThrowIfNull(transform);
        var parameters = transform.Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value.Trim(), DashboardJsonContext.Default.String), StringComparer.Ordinal);
        return api.SendAsync("POST", "account/signed-urls",
            new SignedUrlRequest { Image = image, Transform = parameters, ExpiresInSeconds = expiresInSeconds },
            DashboardJsonContext.Default.SignedUrlRequest, DashboardJsonContext.Default.SignedUrlResponse);
    }
}
