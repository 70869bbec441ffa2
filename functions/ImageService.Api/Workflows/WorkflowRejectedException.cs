namespace ImageService.Api.Workflows;

/// <summary>The provider answered 4xx: the request itself is wrong (unknown workflow, bad parameters), so retrying cannot help.</summary>
public sealed class WorkflowRejectedException(string message) : Exception(message);
