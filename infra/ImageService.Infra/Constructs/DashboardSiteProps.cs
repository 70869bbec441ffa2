using Amazon.CDK.AWS.Cognito;

namespace ImageService.Infra.Constructs;

public sealed record DashboardSiteProps
{
    /// <summary>The published wwwroot (holds <c>app/index.html</c>); see <see cref="Configuration.DashboardArtifact"/>.</summary>
    public required string PublishDirectory { get; init; }

    /// <summary>The management API's base URL (the HTTP API's endpoint, or its custom domain).</summary>
    public required string ApiUrl { get; init; }

    /// <summary>The delivery origin, e.g. <c>https://d111111abcdef8.cloudfront.net</c>.</summary>
    public required string DeliveryBaseUrl { get; init; }

    /// <summary>The user pool and its public app client, when the stack created them; null: the stage uses another
    /// issuer and the dashboard has no hosted sign-in (config.json says "none").</summary>
    public IUserPool? UserPool { get; init; }

    public IUserPoolClient? Client { get; init; }

    /// <summary>The hosted UI's domain prefix, unique per region across AWS (stage and account in it).</summary>
    public required string SignInDomainPrefix { get; init; }

    public required bool Retain { get; init; }

    public required string PriceClass { get; init; }

    /// <summary>The API's <c>Uploads:InlineMaxBytes</c>: larger files take the presigned flow.</summary>
    public long InlineUploadMaxBytes { get; init; } = 4 * 1024 * 1024;
}
