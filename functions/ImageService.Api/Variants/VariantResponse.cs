using System.Globalization;
using System.Text.Json;
using ImageService.Core.Delivery;
using ImageService.Core.Variants;

namespace ImageService.Api.Variants;

/// <summary>One variant. <see cref="Transform"/> is the normalised transform (defaults left out, numbers as numbers);
/// <see cref="Query"/> the same as the delivery query it stands for.</summary>
public sealed record VariantResponse(string Name, Dictionary<string, JsonElement> Transform, string Query, bool Eager, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    // Parameters whose values are always numbers; the others (f, fit, gravity, bg, flip, flop) stay strings.
    private static readonly HashSet<string> Numeric = new(["w", "h", "dpr", "q", "blur", "rot"], StringComparer.Ordinal);

    public static VariantResponse From(Variant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var transform = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in SignedUrls.ParseQuery(variant.Transform))
        {
            transform[key] = Numeric.Contains(key) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? JsonSerializer.SerializeToElement(decimal.Parse(value, CultureInfo.InvariantCulture), VariantJsonContext.Default.Decimal)
                : JsonSerializer.SerializeToElement(value, VariantJsonContext.Default.String);
        }
        return new(variant.Name, transform, variant.Transform, variant.Eager, variant.CreatedAt, variant.UpdatedAt);
    }
}
