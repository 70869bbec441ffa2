using System.Text.Json;
using System.Text.Json.Serialization;
using ImageService.Api.Delivery;
using ImageService.Api.Usage;

namespace ImageService.Api.Accounts;

/// <summary>The JSON contract of the account, key, signed-URL and usage endpoints; inserted into the HTTP JSON options
/// beside the images context, source-generated for the trimmed build.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(AccountPatchRequest))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(CreatedKeyResponse))]
[JsonSerializable(typeof(KeyResponse))]
[JsonSerializable(typeof(IReadOnlyList<KeyResponse>))]
[JsonSerializable(typeof(SignedUrlRequest))]
[JsonSerializable(typeof(SignedUrlResponse))]
[JsonSerializable(typeof(UsageResponse))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class AccountJsonContext : JsonSerializerContext;
