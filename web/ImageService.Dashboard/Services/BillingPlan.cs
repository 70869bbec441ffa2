using System.Globalization;
using System.Text.Json;

namespace ImageService.Dashboard.Services;

/// <summary>
/// One plan of GET /billing/plans as the page shows it: its id and name, whether it can be bought, and its limits and
/// features as labelled values. Read from the JSON element so every limit or feature the API lists appears without
/// the page naming each one.
/// </summary>
public sealed record BillingPlan(string Id, string DisplayName, bool Purchasable, IReadOnlyList<KeyValuePair<string, string>> Details)
{
    private static readonly string[] PurchasableNames = ["purchasable", "canPurchase", "canBeBought", "buyable"];

    /// <summary>The plans of the answer: an array, or an object holding one under <c>plans</c> or <c>items</c>.</summary>
    public static IReadOnlyList<BillingPlan> ListFrom(JsonElement answer)
    {
        var array = answer.ValueKind == JsonValueKind.Array ? answer
            : answer.ValueKind == JsonValueKind.Object && (answer.TryGetProperty("plans", out var plans) || answer.TryGetProperty("items", out plans)) ? plans
            : default;
        return array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Select(From).ToArray() : [];
    }

    public static BillingPlan From(JsonElement plan)
    {
        var id = plan.TryGetProperty("id", out var idValue) ? idValue.GetString() ?? "" : "";
        var name = plan.TryGetProperty("displayName", out var nameValue) || plan.TryGetProperty("name", out nameValue) ? nameValue.GetString() ?? id : id;
        var purchasable = PurchasableNames.Any(n => plan.TryGetProperty(n, out var value) && value.ValueKind == JsonValueKind.True);
        var details = new List<KeyValuePair<string, string>>();
        Collect(plan, "", details);
        return new BillingPlan(id, name, purchasable, details);
    }

    private static void Collect(JsonElement element, string prefix, List<KeyValuePair<string, string>> details)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (prefix.Length == 0 && (property.Name is "id" or "displayName" or "name" or "stripePriceId" || PurchasableNames.Contains(property.Name)))
            {
                continue;
            }
            var label = Label(property.Name);
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Collect(property.Value, label + ": ", details);
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    details.Add(new(prefix + label, property.Value.ValueKind == JsonValueKind.True ? "Yes" : "No"));
                    break;
                case JsonValueKind.Number:
                    var number = property.Value.GetInt64();
                    details.Add(new(prefix + label, property.Name.EndsWith("Bytes", StringComparison.Ordinal) ? DeliveryUrls.Bytes(number) : number.ToString("N0", CultureInfo.InvariantCulture)));
                    break;
                case JsonValueKind.String:
                    details.Add(new(prefix + label, property.Value.GetString() ?? ""));
                    break;
                case JsonValueKind.Array:
                    details.Add(new(prefix + label, string.Join(", ", property.Value.EnumerateArray().Select(v => v.ToString()))));
                    break;
            }
        }
    }

    /// <summary><c>monthlyBandwidthBytes</c> → "Monthly bandwidth bytes".</summary>
    public static string Label(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }
            words.Append(words.Length == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }
        return words.ToString();
    }
}
