using Amazon.CDK.AWS.Lambda;

namespace ImageService.Infra.Constructs;

public sealed record BillingResourcesProps
{
    /// <summary>The billing function: it reads the secrets and the schedule invokes it.</summary>
    public required Function Function { get; init; }

    /// <summary>Keep the secrets when the stack is deleted (stages that retain data).</summary>
    public required bool Retain { get; init; }
}
