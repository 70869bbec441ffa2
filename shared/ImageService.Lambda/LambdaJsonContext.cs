using System.Text.Json.Serialization;
using ImageService.Lambda.HttpApi;
using ImageService.Lambda.Runtime;

namespace ImageService.Lambda;

// Source-generated metadata only: the host must stay trimming-safe, so no reflection-based serialisation.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpApiV2Request))]
[JsonSerializable(typeof(HttpApiV2Response))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(LambdaErrorBody))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext;
