namespace ImageService.Core.Workflows;

/// <summary>One run: the workflow's name, its parameters (a JSON object, as the caller sent it) and the source image.</summary>
public sealed record WorkflowSubmission(string Workflow, string ParametersJson, byte[] Image, string ContentType);
