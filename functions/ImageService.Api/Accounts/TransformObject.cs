using System.Text.Json;
using ImageService.Core.Imaging;

namespace ImageService.Api.Accounts;

/// <summary>The <c>transform</c> object of POST /account/signed-urls and PUT /account/variants/{name}: delivery parameters
/// as JSON strings, numbers or booleans (<c>{"w": 320, "fit": "cover", "f": "webp"}</c>), validated by
/// <see cref="TransformSpec.TryParse"/>; errors are keyed <c>transform.{parameter}</c>.</summary>
internal static class TransformObject
{
    public static (IReadOnlyList<KeyValuePair<string, string>> Parameters, TransformSpec Spec) Parse(
        Dictionary<string, JsonElement>? transform, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in transform ?? [])
        {
            if (ParameterText(value) is { } text)
            {
                parameters.Add(new(name, text));
            }
            else
            {
                errors["transform." + name] = ["Must be a string, number or boolean."];
            }
        }
        if (!TransformSpec.TryParse(parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), out var spec, out var transformErrors))
        {
            foreach (var (name, messages) in transformErrors)
            {
                errors["transform." + name] = messages;
            }
        }
        return (parameters, spec);
    }

    private static string? ParameterText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
