namespace ImageService.Core.Workflows;

/// <summary>A workflow the configured provider runs, as <c>GET /workflows</c> lists it.</summary>
public sealed record WorkflowDefinition(string Name, string? Description, IReadOnlyList<WorkflowParameter> Parameters);
