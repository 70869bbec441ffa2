using System.Text.Json;

namespace ImageService.Api.Workflows;

/// <summary>The body of <c>POST {BaseUrl}/runs</c>.</summary>
public sealed record ProviderSubmitRequest(string Workflow, JsonElement Parameters, ProviderInput Input);
