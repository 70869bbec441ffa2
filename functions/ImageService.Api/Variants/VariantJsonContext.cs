using System.Text.Json;
using System.Text.Json.Serialization;
using ImageService.Contracts.Variants;

namespace ImageService.Api.Variants;

/// <summary>The JSON contract of /account/variants; inserted into the HTTP JSON options, source-generated for the trimmed build.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(VariantRequest))]
[JsonSerializable(typeof(VariantResponse))]
[JsonSerializable(typeof(VariantListResponse))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(string))]
internal sealed partial class VariantJsonContext : JsonSerializerContext;
