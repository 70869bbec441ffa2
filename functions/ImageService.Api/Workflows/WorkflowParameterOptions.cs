namespace ImageService.Api.Workflows;

/// <summary><c>Workflows:Definitions:{name}:Parameters:{parameter}</c>: a JSON Schema type (string, number, integer,
/// boolean) and its limits.</summary>
public sealed record WorkflowParameterOptions
{
    public string Type { get; set; } = "string";

    public string? Description { get; set; }

    public bool Required { get; set; }

    public double? Minimum { get; set; }

    public double? Maximum { get; set; }

    public string[] Enum { get; set; } = [];
}
