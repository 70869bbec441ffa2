using Amazon.CDK;
using ImageService.Infra;
using ImageService.Infra.Configuration;

// Composes one stage per run: `cdk synth|deploy -c stage=dev|staging|prod` (default dev, see cdk.json).
var app = new App();
try
{
    var stage = StageSettingsReader.FromContext(app.Node);
    var repositoryRoot = LambdaArtifact.FindRepositoryRoot(Directory.GetCurrentDirectory());
    var artifact = LambdaArtifact.Resolve(app.Node, repositoryRoot, Console.Error);
    var billingArtifact = LambdaArtifact.ResolveBilling(app.Node, repositoryRoot, Console.Error);
    var service = new ImageServiceStack(app, new ImageServiceStackProps
    {
        Stage = stage,
        ArtifactDirectory = artifact,
        BillingArtifactDirectory = billingArtifact,
    });
    _ = new DashboardStack(app, new DashboardStackProps
    {
        Stage = stage,
        PublishDirectory = DashboardArtifact.Resolve(app.Node, repositoryRoot, Console.Error),
        Service = service,
    });
}
catch (InvalidOperationException e)
{
    // Configuration and publish problems are the user's to fix: say what is wrong, without a stack trace.
    await Console.Error.WriteLineAsync($"ImageService.Infra: {e.Message}");
    return 1;
}

app.Synth();
return 0;
