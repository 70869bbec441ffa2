using System.Text.Json.Serialization;

namespace ImageService.Storage.Aws.Jobs;

[JsonSerializable(typeof(string))]
internal sealed partial class SecretsJsonContext : JsonSerializerContext;
