using System.ComponentModel.DataAnnotations;
using ImageService.Api.Hosting.Configuration;

namespace ImageService.Api.Delivery;

/// <summary>Configuration section <c>Delivery</c>.</summary>
public sealed record DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>Origin of delivery URLs made by POST /account/signed-urls and shown by GET /account (the CDN, e.g.
    /// <c>https://cdn.example.com</c>). Empty = the origin of the request that asks.</summary>
    [Url(ErrorMessage = "Delivery:PublicBaseUrl must be an absolute http or https URL, e.g. https://cdn.example.com.")]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Rendered results larger than this are stored and answered with a 302 to them: a Lambda response carries at
    /// most 6 MB, and binary bodies are base64 (4/3 larger).</summary>
    [Range(1, 6_000_000)]
    public int MaxInlineResponseBytes { get; set; } = 4_500_000;

    /// <summary>How long the link behind such a redirect works; the redirect itself is cached for a fifth of it.</summary>
    [TimeSpanRange("00:00:01", "7.00:00:00", ErrorMessage = "Delivery:LargeResultLinkLifetime must be between 1 second and 7 days.")]
    public TimeSpan LargeResultLinkLifetime { get; set; } = TimeSpan.FromHours(1);
}
