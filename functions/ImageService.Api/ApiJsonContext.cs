using System.Text.Json;
using System.Text.Json.Serialization;
using ImageService.Api.Health;
using ImageService.Api.Images;
using Microsoft.AspNetCore.Mvc;

namespace ImageService.Api;

/// <summary>Every type the API reads or writes as JSON; source-generated so the trimmed build needs no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ImageResponse))]
[JsonSerializable(typeof(ImageListResponse))]
[JsonSerializable(typeof(ImagePatchRequest))]
[JsonSerializable(typeof(CreateUploadRequest))]
[JsonSerializable(typeof(PresignedUploadResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(byte[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(IDictionary<string, string[]>))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
