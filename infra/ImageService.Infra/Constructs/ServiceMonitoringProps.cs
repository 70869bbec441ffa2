using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.CloudFront;

namespace ImageService.Infra.Constructs;

public sealed record ServiceMonitoringProps
{
    public required HttpApi Api { get; init; }

    public required ServiceFunctions Functions { get; init; }

    public required Distribution Distribution { get; init; }

    /// <summary>The CloudWatch namespace the functions write their Embedded Metric Format lines to
    /// (<c>Observability__MetricsNamespace</c>).</summary>
    public required string MetricsNamespace { get; init; }
}
