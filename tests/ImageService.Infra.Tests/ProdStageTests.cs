using Amazon.CDK.Assertions;
using ImageService.Infra.Tests.Support;
using static ImageService.Infra.Tests.Support.Shape;

namespace ImageService.Infra.Tests;

/// <summary>prod as cdk.json ships it: data outlives the stack.</summary>
[Collection(SynthCollection.Name)]
public sealed class ProdStageTests(ProdTemplate stack)
{
    private readonly Template _template = stack.Template;

    [Fact]
    public void Stack_name_carries_the_stage()
    {
        Assert.Equal("ImageService-prod", stack.StackName);
    }

    [Theory]
    [InlineData("AWS::DynamoDB::Table")]
    [InlineData("AWS::S3::Bucket")]
    [InlineData("AWS::Cognito::UserPool")]
    [InlineData("AWS::Logs::LogGroup")]
    [InlineData("AWS::SecretsManager::Secret")]
    public void Deleting_or_replacing_the_stack_keeps_the_resource(string type)
    {
        _template.AllResources(type, Like(("DeletionPolicy", "Retain"), ("UpdateReplacePolicy", "Retain")));
    }

    [Fact]
    public void Objects_are_never_emptied_automatically()
    {
        _template.ResourceCountIs("Custom::S3AutoDeleteObjects", 0);
        Assert.DoesNotContain(stack.Json.OfType("AWS::Lambda::Function"), f => TemplateJson.Text(f.Resource["Properties"]!["Runtime"]) != "provided.al2023");
    }

    [Fact]
    public void Bucket_keeps_versions_and_expires_old_ones_after_a_month()
    {
        _template.HasResourceProperties("AWS::S3::Bucket", Like(
            ("VersioningConfiguration", Exactly(("Status", "Enabled"))),
            ("LifecycleConfiguration", Like(("Rules", Match.ArrayWith(
                [Like(("NoncurrentVersionExpiration", Like(("NoncurrentDays", 30))), ("Status", "Enabled"))]))))));
    }

    [Fact]
    public void Stage_settings_reach_the_functions_logs_and_cdn()
    {
        _template.ResourcePropertiesCountIs("AWS::Lambda::Function", Like(("Handler", Match.AnyValue()), ("MemorySize", 2048)), 11);
        _template.AllResourcesProperties("AWS::Logs::LogGroup", Like(("RetentionInDays", 365)));
        _template.HasResourceProperties("AWS::CloudFront::Distribution", Like(("DistributionConfig", Like(("PriceClass", "PriceClass_All")))));
    }
}
