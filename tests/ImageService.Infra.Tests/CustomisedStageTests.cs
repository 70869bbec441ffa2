using Amazon.CDK.Assertions;
using ImageService.Infra.Tests.Support;
using static ImageService.Infra.Tests.Support.Shape;

namespace ImageService.Infra.Tests;

/// <summary>A stage that brings its own identity provider and custom domains.</summary>
[Collection(SynthCollection.Name)]
public sealed class CustomisedStageTests(CustomisedTemplate stack)
{
    private readonly Template _template = stack.Template;

    [Fact]
    public void An_existing_issuer_replaces_the_cognito_user_pool()
    {
        _template.ResourceCountIs("AWS::Cognito::UserPool", 0);
        _template.HasResourceProperties("AWS::ApiGatewayV2::Authorizer", Like(("JwtConfiguration", Exactly(
            ("Issuer", CustomisedTemplate.Issuer),
            ("Audience", Match.ArrayEquals([CustomisedTemplate.Audience]))))));
        Assert.DoesNotContain("UserPoolId", _template.FindOutputs("*", Match.AnyValue()).Keys);
    }

    [Fact]
    public void Cdn_answers_on_the_custom_domain_with_its_certificate()
    {
        _template.HasResourceProperties("AWS::CloudFront::Distribution", Like(("DistributionConfig", Like(
            ("Aliases", Match.ArrayEquals(["images.example.com"])),
            ("ViewerCertificate", Like(
                ("AcmCertificateArn", "arn:aws:acm:us-east-1:111122223333:certificate/cdn"),
                ("SslSupportMethod", "sni-only"),
                ("MinimumProtocolVersion", "TLSv1.2_2021")))))));
    }

    [Fact]
    public void Api_answers_on_the_custom_domain_and_reports_it_as_its_url()
    {
        _template.HasResourceProperties("AWS::ApiGatewayV2::DomainName", Like(
            ("DomainName", "api.example.com"),
            ("DomainNameConfigurations", Match.ArrayWith([Like(("CertificateArn", "arn:aws:acm:eu-west-1:111122223333:certificate/api"))]))));
        _template.ResourceCountIs("AWS::ApiGatewayV2::ApiMapping", 1);
        _template.HasOutput("ApiUrl", Like(("Value", "https://api.example.com")));
    }
}
