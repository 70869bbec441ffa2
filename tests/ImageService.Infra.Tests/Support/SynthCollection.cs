namespace ImageService.Infra.Tests.Support;

/// <summary>
/// Every test that synthesises or queries a template belongs here. The jsii runtime behind CDK is one Node process
/// that must not be driven from two threads at once, and synth is slow: each stage is synthesised once for the
/// whole run and the classes of this collection run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SynthCollection : ICollectionFixture<DevTemplate>, ICollectionFixture<ProdTemplate>, ICollectionFixture<CustomisedTemplate>, ICollectionFixture<DashboardTemplate>
{
    public const string Name = "CDK synth";
}
