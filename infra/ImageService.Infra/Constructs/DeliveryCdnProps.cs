using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.S3;

namespace ImageService.Infra.Constructs;

public sealed record DeliveryCdnProps
{
    /// <summary>The HTTP API whose delivery route renders transforms (the default origin).</summary>
    public required HttpApi Api { get; init; }

    /// <summary>Bucket whose renditions/ prefix is served directly through origin access control.</summary>
    public required IBucket Bucket { get; init; }

    /// <summary>100, 200 or All.</summary>
    public required string PriceClass { get; init; }

    /// <summary>Where CloudFront writes its standard access logs (<see cref="CdnAccessLogs"/>): the edge usage source.</summary>
    public required IBucket LogBucket { get; init; }

    public string? DomainName { get; init; }

    /// <summary>ACM certificate for <see cref="DomainName"/>; CloudFront requires it in us-east-1.</summary>
    public string? CertificateArn { get; init; }
}
