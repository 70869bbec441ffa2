namespace ImageService.Infra.Tests.Support;

/// <summary>A stage with every optional setting: an existing JWT issuer and custom domains for CDN and API.</summary>
public sealed class CustomisedTemplate() : SynthesizedTemplate(RepositoryFiles.ShippedStage("staging") with
{
    JwtIssuer = CustomisedTemplate.Issuer,
    JwtAudience = [CustomisedTemplate.Audience],
    CdnDomainName = "images.example.com",
    CdnCertificateArn = "arn:aws:acm:us-east-1:111122223333:certificate/cdn",
    ApiDomainName = "api.example.com",
    ApiCertificateArn = "arn:aws:acm:eu-west-1:111122223333:certificate/api",
})
{
    public const string Issuer = "https://example.eu.auth0.com/";
    public const string Audience = "https://api.example.com";
}
