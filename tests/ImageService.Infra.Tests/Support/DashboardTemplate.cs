using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace ImageService.Infra.Tests.Support;

/// <summary>dev's dashboard stack, synthesised beside its API stack against stand-ins for both publishes: a dummy
/// Native AOT artifact and a dashboard wwwroot with an index page, its import map and one fingerprinted file.</summary>
public sealed class DashboardTemplate : IDisposable
{
    public const string ImportMap = DummyDashboard.ImportMap;

    private readonly DummyArtifact _artifact = new();
    private readonly DummyArtifact _billingArtifact = DummyArtifact.Billing();
    private readonly DummyDashboard _dashboard = new();
    private readonly string _outdir = Path.Combine(Path.GetTempPath(), "imageservice-cdkout-" + Guid.NewGuid().ToString("N"));

    public Template Template { get; }

    public TemplateJson Json { get; }

    public Template ServiceTemplate { get; }

    public DashboardTemplate()
    {
        var app = new App(new AppProps { Outdir = _outdir });
        var stage = RepositoryFiles.ShippedStage("dev");
        var service = new ImageServiceStack(app, new ImageServiceStackProps
        {
            Stage = stage,
            ArtifactDirectory = _artifact.Directory,
            BillingArtifactDirectory = _billingArtifact.Directory,
        });
        var dashboard = new DashboardStack(app, new DashboardStackProps { Stage = stage, PublishDirectory = _dashboard.Directory, Service = service });
        Template = Template.FromStack(dashboard);
        ServiceTemplate = Template.FromStack(service);
        Json = new TemplateJson(JsonSerializer.SerializeToNode(Template.ToJSON())!.AsObject());
    }

    public void Dispose()
    {
        _artifact.Dispose();
        _billingArtifact.Dispose();
        _dashboard.Dispose();
        try
        {
            Directory.Delete(_outdir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}
