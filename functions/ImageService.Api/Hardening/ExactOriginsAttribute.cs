using System.ComponentModel.DataAnnotations;

namespace ImageService.Api.Hardening;

/// <summary>Every entry is a serialised origin as browsers send it: <c>http(s)://host[:port]</c>, lower case, no path,
/// query, user info or trailing slash (CORS compares origins as strings, so anything else would never match).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ExactOriginsAttribute : ValidationAttribute
{
    public ExactOriginsAttribute()
        : base("Cors:AllowedOrigins entries must be exact origins such as https://app.example.com (scheme, host, optional port; no wildcard, path or trailing slash).")
    {
    }

    public override bool IsValid(object? value) => value is not string[] origins || origins.All(IsExactOrigin);

    public static bool IsExactOrigin(string? origin) =>
        origin is not null
        && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.UserInfo.Length == 0
        && uri.GetLeftPart(UriPartial.Authority) == origin
        && !origin.Contains('*', StringComparison.Ordinal)
        && string.Equals(origin, origin.ToLowerInvariant(), StringComparison.Ordinal);
}
