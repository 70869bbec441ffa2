using Amazon.CDK;
using ImageService.Infra;
using ImageService.Infra.Configuration;

// Composes one stage per run: `cdk synth|deploy -c stage=dev|staging|prod` (default dev, see cdk.json).
var app = new App();
var stage = StageSettingsReader.FromContext(app.Node);
var repositoryRoot = LambdaArtifact.FindRepositoryRoot(Directory.GetCurrentDirectory());
var artifact = LambdaArtifact.Resolve(app.Node, repositoryRoot, Console.Error);

_ = new ImageServiceStack(app, new ImageServiceStackProps
{
    Stage = stage,
    ArtifactDirectory = artifact,
});
app.Synth();
