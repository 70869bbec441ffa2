using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using ImageService.Infra.Configuration;

namespace ImageService.Infra.Tests.Support;

/// <summary>
/// One stage synthesised in-process (no CLI, no publish) against a dummy artifact. Synth is slow, so test classes
/// share one instance through a class fixture.
/// </summary>
public abstract class SynthesizedTemplate : IDisposable
{
    private readonly DummyArtifact _artifact = new();
    private readonly DummyArtifact _billingArtifact = DummyArtifact.Billing();
    private readonly string _outdir = Path.Combine(Path.GetTempPath(), "imageservice-cdkout-" + Guid.NewGuid().ToString("N"));

    public Template Template { get; }

    /// <summary>The template as JSON, for checks that follow references between resources.</summary>
    public TemplateJson Json { get; }

    public string StackName { get; }

    /// <summary>The files an asset was staged with (cdk.out/asset.HASH), for a Lambda code's <c>S3Key</c> (HASH.zip).</summary>
    public IReadOnlyList<string> StagedFiles(string s3Key)
    {
        var staged = Path.Combine(_outdir, "asset." + Path.GetFileNameWithoutExtension(s3Key));
        return [.. Directory.EnumerateFiles(staged, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(staged, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];
    }

    protected SynthesizedTemplate(StageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var app = new App(new AppProps { Outdir = _outdir });
        var stack = new ImageServiceStack(app, new ImageServiceStackProps
        {
            Stage = settings,
            ArtifactDirectory = _artifact.Directory,
            BillingArtifactDirectory = _billingArtifact.Directory,
        });
        StackName = stack.StackName;
        Template = Template.FromStack(stack);
        Json = new TemplateJson(JsonSerializer.SerializeToNode(Template.ToJSON())!.AsObject());
    }

    public void Dispose()
    {
        _artifact.Dispose();
        _billingArtifact.Dispose();
        try
        {
            Directory.Delete(_outdir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort, as above.
        }

        GC.SuppressFinalize(this);
    }
}
