using System.Diagnostics;
using System.Text.Json.Nodes;
using ImageService.Infra.Configuration;
using ImageService.Infra.Tests.Support;

namespace ImageService.Infra.Tests;

/// <summary>
/// The CDK CLI from node_modules runs the real app (Program.cs, cdk.json's context) offline. The app's own build is
/// reused through --app so the test does not rebuild it; a prebuilt artifact directory skips the publish.
/// </summary>
public sealed class CdkCliSynthTests
{
    [Fact]
    public void Cdk_synth_for_dev_writes_the_stage_template_offline_given_a_prebuilt_artifact()
    {
        using var artifact = new DummyArtifact();
        using var billingArtifact = DummyArtifact.Billing();
        using var dashboard = new DummyDashboard();
        var output = Path.Combine(Path.GetTempPath(), "imageservice-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, log) = RunCdk(
                "synth", "--quiet", "--no-notices",
                "--app", $"dotnet \"{typeof(ImageServiceStack).Assembly.Location}\"",
                "-c", "stage=dev",
                "-c", $"{LambdaArtifact.ContextKey}={artifact.Directory}",
                "-c", $"{LambdaArtifact.BillingContextKey}={billingArtifact.Directory}",
                "-c", $"{DashboardArtifact.ContextKey}={dashboard.Directory}",
                "--output", output);

            Assert.True(exitCode == 0, log);
            var template = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "ImageService-dev.template.json")))!;
            var functions = template["Resources"]!.AsObject()
                .Where(r => TemplateJson.Text(r.Value!["Type"]) == "AWS::Lambda::Function"
                    && TemplateJson.Text(r.Value!["Properties"]!["Runtime"]) == "provided.al2023");
            Assert.Equal(11, functions.Count());
            // The asset CDK staged is the artifact directory itself (bootstrap included).
            Assert.Contains(Directory.EnumerateDirectories(output, "asset.*"), d => File.Exists(Path.Combine(d, LambdaArtifact.EntryPoint)));
            // The dashboard's stack: its bucket, its distribution, the deployment of the published files.
            var dashboardTemplate = JsonNode.Parse(File.ReadAllText(Path.Combine(output, DashboardStack.StackNameFor("dev") + ".template.json")))!;
            var types = dashboardTemplate["Resources"]!.AsObject().Select(r => TemplateJson.Text(r.Value!["Type"])).ToArray();
            Assert.Contains("AWS::S3::Bucket", types);
            Assert.Contains("AWS::CloudFront::Distribution", types);
            Assert.Contains("Custom::CDKBucketDeployment", types);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static (int ExitCode, string Log) RunCdk(params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryFiles.Root, "node_modules", "aws-cdk", "bin", "cdk"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline and quiet: no telemetry, no version check against the registry.
        start.Environment["CDK_DISABLE_CLI_TELEMETRY"] = "true";
        start.Environment["CDK_DISABLE_VERSION_CHECK"] = "true";
        start.Environment.Remove(LambdaArtifact.EnvironmentVariable);
        start.Environment.Remove(LambdaArtifact.BillingEnvironmentVariable);
        start.Environment.Remove(DashboardArtifact.EnvironmentVariable);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "cdk synth timed out after 3 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
