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
/// reflection serialiser metadata, and start-up does not pay for it. Request bodies are only ever written: they get
/// the fast-path writer alone; answers are only ever read: they get the metadata alone (the download budget: each
/// mode the context does not need is code per property).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DashboardConfig), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(DevTokenRequest), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(DevTokenResponse), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(AccountResponse), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(AccountPatchRequest), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(UsageResponse), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(EdgeUsage), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(KeyResponse[]), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(CreateKeyRequest), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(CreatedKeyResponse), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(SignedUrlRequest), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(SignedUrlResponse), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ImageListResponse), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ImageResponse), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ImagePatchRequest), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(CreateUploadRequest), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(PresignedUploadResponse), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(VariantRequest), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(CreateJobRequest), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(CheckoutRequest), GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(BillingUrlResponse), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(AccountBilling), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ApiProblem), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(TokenResponse), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(JsonElement), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(string), GenerationMode = JsonSourceGenerationMode.Metadata)]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
