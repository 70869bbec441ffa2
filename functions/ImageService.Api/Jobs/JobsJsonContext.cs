using System.Text.Json;
using System.Text.Json.Serialization;
using ImageService.Contracts.Jobs;

namespace ImageService.Api.Jobs;

/// <summary>The JSON contract of /jobs and /workflows (and of job callbacks), source-generated for the trimmed build.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JobResponse))]
[JsonSerializable(typeof(JobListResponse))]
[JsonSerializable(typeof(CreateJobRequest))]
[JsonSerializable(typeof(WorkflowListResponse))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class JobsJsonContext : JsonSerializerContext;
