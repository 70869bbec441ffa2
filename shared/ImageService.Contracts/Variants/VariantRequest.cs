using System.Text.Json;

namespace ImageService.Contracts.Variants;

/// <summary>PUT /account/variants/{name}: <see cref="Transform"/> is the transform object of POST /account/signed-urls
/// (<c>{"w": 320, "h": 320, "fit": "cover", "f": "webp"}</c>); <see cref="Eager"/> renders the variant after every upload.</summary>
public sealed record VariantRequest
{
    public Dictionary<string, JsonElement>? Transform { get; init; }
    public bool? Eager { get; init; }
}
