using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageService.Api.Workflows;

/// <summary>The provider protocol's JSON (camelCase), source-generated for the trimmed build.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProviderSubmitRequest))]
[JsonSerializable(typeof(ProviderRun))]
internal sealed partial class ProviderJsonContext : JsonSerializerContext;
