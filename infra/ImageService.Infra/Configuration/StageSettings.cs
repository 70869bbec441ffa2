namespace ImageService.Infra.Configuration;

/// <summary>
/// What differs between dev, staging and prod. Read from cdk.json's <c>stages</c> context object, so a deployment
/// changes settings without touching code.
/// </summary>
public sealed record StageSettings
{
    /// <summary>The stage name (dev, staging, prod); it is part of the stack name.</summary>
    public required string Name { get; init; }

    public required int MemorySizeMb { get; init; }

    /// <summary>Days CloudWatch keeps the functions' logs.</summary>
    public required int LogRetentionDays { get; init; }

    /// <summary>True keeps the table, bucket and user pool when the stack is deleted (prod); false destroys them.</summary>
    public required bool RetainData { get; init; }

    /// <summary>S3 object versioning on the image bucket (prod: recover overwritten or deleted originals).</summary>
    public bool BucketVersioning { get; init; }

    /// <summary>CloudFront price class: 100, 200 or All.</summary>
    public string PriceClass { get; init; } = "100";

    /// <summary>Browser origins allowed to call the API and to upload straight to the bucket.</summary>
    public IReadOnlyList<string> CorsAllowedOrigins { get; init; } = ["*"];

    /// <summary>Optional custom domain of the CDN; needs <see cref="CdnCertificateArn"/> (an ACM certificate in us-east-1).</summary>
    public string? CdnDomainName { get; init; }

    public string? CdnCertificateArn { get; init; }

    /// <summary>Optional custom domain of the management API; needs <see cref="ApiCertificateArn"/> (ACM, the stack's region).</summary>
    public string? ApiDomainName { get; init; }

    public string? ApiCertificateArn { get; init; }

    /// <summary>An existing OpenID issuer (e.g. an Auth0 tenant); when set with <see cref="JwtAudience"/> the stack
    /// creates no Cognito user pool.</summary>
    public string? JwtIssuer { get; init; }

    public IReadOnlyList<string> JwtAudience { get; init; } = [];

    public bool UsesExistingIssuer => !string.IsNullOrEmpty(JwtIssuer);
}
