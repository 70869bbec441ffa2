using System.Text.Json;
using System.Text.Json.Serialization;
using ImageService.Contracts.Dashboard;

namespace ImageService.Api.Dashboard;

/// <summary>The dashboard's own endpoints (config.json, the development sign-in), source-generated for the trimmed build.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DashboardConfig))]
[JsonSerializable(typeof(DevTokenRequest))]
[JsonSerializable(typeof(DevTokenResponse))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
