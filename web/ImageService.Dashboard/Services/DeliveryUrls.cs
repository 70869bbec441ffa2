using System.Globalization;
using System.Text;

namespace ImageService.Dashboard.Services;

/// <summary>Delivery URLs (<c>{delivery}/{publicKey}/{image}?w=…</c>): public, so an <c>img</c> element fetches them
/// without any credential; accounts that require signatures get signed ones from the API instead.</summary>
public static class DeliveryUrls
{
    public static string Of(string deliveryBaseUrl, string publicKey, string image, IEnumerable<KeyValuePair<string, string>> transform)
    {
        ArgumentNullException.ThrowIfNull(deliveryBaseUrl);
        var url = new StringBuilder(deliveryBaseUrl.TrimEnd('/')).Append('/').Append(publicKey).Append('/').Append(Uri.EscapeDataString(image).Replace("%2F", "/", StringComparison.Ordinal));
        var separator = '?';
        foreach (var (name, value) in transform)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                url.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value.Trim()));
                separator = '&';
            }
        }
        return url.ToString();
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.##} MB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
