using System.Text.Json;

namespace ImageService.Api.Jobs;

/// <param name="Parameters">A JSON Schema object describing the workflow's <c>parameters</c>.</param>
public sealed record WorkflowResponse(string Name, string? Description, JsonElement Parameters);
