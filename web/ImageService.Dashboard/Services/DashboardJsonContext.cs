using System.Text.Json;
using System.Text.Json.Serialization;
using ImageService.Contracts.Accounts;
using ImageService.Contracts.Billing;
using ImageService.Contracts.Dashboard;
using ImageService.Contracts.Images;
using ImageService.Contracts.Jobs;
using ImageService.Contracts.Usage;
using ImageService.Contracts.Variants;

namespace ImageService.Dashboard.Services;

/// <summary>Every API record the dashboard reads or writes, source-generated: the trimmed WebAssembly build keeps no
/// reflection serialiser metadata, and start-up does not pay for it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DashboardConfig))]
[JsonSerializable(typeof(DevTokenRequest))]
[JsonSerializable(typeof(DevTokenResponse))]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(AccountPatchRequest))]
[JsonSerializable(typeof(UsageResponse))]
[JsonSerializable(typeof(EdgeUsage))]
[JsonSerializable(typeof(KeyResponse[]))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(CreatedKeyResponse))]
[JsonSerializable(typeof(SignedUrlRequest))]
[JsonSerializable(typeof(SignedUrlResponse))]
[JsonSerializable(typeof(ImageListResponse))]
[JsonSerializable(typeof(ImageResponse))]
[JsonSerializable(typeof(ImagePatchRequest))]
[JsonSerializable(typeof(CreateUploadRequest))]
[JsonSerializable(typeof(PresignedUploadResponse))]
[JsonSerializable(typeof(VariantRequest))]
[JsonSerializable(typeof(CreateJobRequest))]
[JsonSerializable(typeof(CheckoutRequest))]
[JsonSerializable(typeof(BillingUrlResponse))]
[JsonSerializable(typeof(AccountBilling))]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
