using Microsoft.Net.Http.Headers;

namespace ImageService.Lambda.HttpApi;

/// <summary>
/// Decides which response bodies travel as JSON strings; everything else (images, archives, compressed or
/// unknown content) goes base64, because API Gateway would mangle raw bytes in a JSON string.
/// </summary>
internal static class TextContentTypes
{
    private static readonly string[] TextApplicationTypes =
    [
        "application/json",
        "application/xml",
        "application/javascript",
        "application/ecmascript",
        "application/x-javascript",
        "application/x-www-form-urlencoded",
        "application/graphql",
        "application/yaml",
    ];

    public static bool IsText(string? contentType, string? contentEncoding)
    {
        // gzip/br output is binary whatever its media type says.
        if (!string.IsNullOrEmpty(contentEncoding) && !contentEncoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType.Value is not { } mediaType)
        {
            return false;
        }

        // The body becomes a UTF-8 JSON string; other charsets would not survive that.
        if (parsed.Charset.Value is { } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)
            || TextApplicationTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase);
    }
}
