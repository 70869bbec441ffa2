using Amazon.CDK.Assertions;
using ImageService.Infra.Tests.Support;
using static ImageService.Infra.Tests.Support.Shape;

namespace ImageService.Infra.Tests;

/// <summary>Billing's resources: its own artifact, the Stripe secrets from Secrets Manager, the hourly schedule.</summary>
[Collection(SynthCollection.Name)]
public sealed class BillingResourceTests(DevTemplate stack)
{
    [Fact]
    public void Billing_runs_the_managed_artifact_and_every_other_function_the_native_one()
    {
        var codes = stack.Json.ServiceFunctions().ToDictionary(
            f => TemplateJson.Text(f.Properties["Handler"])!, f => TemplateJson.Text(f.Properties["Code"]!["S3Key"]));

        var billing = codes["billing"];
        var others = codes.Where(c => c.Key != "billing").Select(c => c.Value).Distinct().ToList();
        Assert.Single(others);
        Assert.NotEqual(others[0], billing);
    }

    [Fact]
    public void Both_Stripe_secrets_are_in_Secrets_Manager_and_reach_only_the_billing_function_as_references()
    {
        var secrets = stack.Json.OfType("AWS::SecretsManager::Secret").Select(s => s.Id).ToHashSet();
        var referenced = new HashSet<string>();

        foreach (var (_, properties) in stack.Json.ServiceFunctions())
        {
            var variables = properties["Environment"]?["Variables"]?.AsObject();
            var handler = TemplateJson.Text(properties["Handler"]);
            var stripe = variables?.Where(v => v.Key.StartsWith("Billing__Stripe__", StringComparison.Ordinal)).ToList() ?? [];
            if (handler != "billing")
            {
                Assert.Empty(stripe);
                continue;
            }
            Assert.Equal(["Billing__Stripe__SecretKey", "Billing__Stripe__WebhookSecret"], stripe.Select(v => v.Key).Order());
            Assert.DoesNotContain("CursorKey", string.Concat(stripe.Select(v => v.Value!.ToJsonString())), StringComparison.Ordinal);
            // A dynamic reference to each secret, resolved by CloudFormation at deploy: no value in the template.
            Assert.All(stripe, v =>
            {
                var rendered = v.Value!.ToJsonString();
                Assert.Contains("{{resolve:secretsmanager:", rendered, StringComparison.Ordinal);
                var secret = Assert.Single(stack.Json.ReferencedIds(v.Value!));
                Assert.Contains(secret, secrets);
                referenced.Add(secret);
            });
        }
        Assert.Equal(2, referenced.Count);
    }

    [Fact]
    public void An_hourly_rule_invokes_the_billing_function()
    {
        var billing = stack.Json.FunctionByHandler("billing").Id;
        var target = new Capture();

        stack.Template.HasResourceProperties("AWS::Events::Rule", Like(
            ("ScheduleExpression", "rate(1 hour)"),
            ("State", "ENABLED"),
            ("Targets", target)));
        Assert.Contains(billing, stack.Json.ReferencedIds(System.Text.Json.JsonSerializer.SerializeToNode(target.AsArray())!));
        stack.Template.HasResourceProperties("AWS::Lambda::Permission", Like(("Principal", "events.amazonaws.com")));
    }
}
