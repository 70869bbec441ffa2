namespace ImageService.Api.Workflows;

/// <summary>
/// Configuration section <c>Workflows</c>: the provider (<c>Workflows:Provider:BaseUrl</c>, <c>:ApiKey</c>, its time
/// limits and circuit breaker) and the workflows it offers (<c>Workflows:Definitions:{name}:Description</c>,
/// <c>…:Parameters:{parameter}:Type|Description|Required|Minimum|Maximum|Enum</c>). Without a base URL there are no
/// workflows: <c>GET /workflows</c> is empty and workflow jobs are refused.
/// </summary>
public sealed record WorkflowsOptions
{
    public const string SectionName = "Workflows";

    public WorkflowProviderOptions Provider { get; set; } = new();

    public Dictionary<string, WorkflowDefinitionOptions> Definitions { get; set; } = new(StringComparer.Ordinal);

    public bool IsConfigured => Provider.BaseUrl is not null;
}
