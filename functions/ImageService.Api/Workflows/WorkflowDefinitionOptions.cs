namespace ImageService.Api.Workflows;

/// <summary><c>Workflows:Definitions:{name}</c>: one workflow the provider runs (the name is what the provider is sent).</summary>
public sealed record WorkflowDefinitionOptions
{
    public string? Description { get; set; }

    public Dictionary<string, WorkflowParameterOptions> Parameters { get; set; } = new(StringComparer.Ordinal);
}
