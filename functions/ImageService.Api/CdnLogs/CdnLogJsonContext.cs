using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageService.Api.CdnLogs;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CdnLogEventResult))]
internal sealed partial class CdnLogJsonContext : JsonSerializerContext;
