namespace ImageService.Core.Workflows;

/// <summary>One parameter of a workflow: <see cref="Type"/> is a JSON Schema type (string, number, integer, boolean).</summary>
public sealed record WorkflowParameter
{
    public required string Name { get; init; }
    public required string Type { get; init; }
    public string? Description { get; init; }
    public bool Required { get; init; }
    public double? Minimum { get; init; }
    public double? Maximum { get; init; }
    /// <summary>For strings: the allowed values, when limited.</summary>
    public IReadOnlyList<string> Enum { get; init; } = [];
}
