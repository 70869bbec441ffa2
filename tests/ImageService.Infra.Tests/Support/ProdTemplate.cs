namespace ImageService.Infra.Tests.Support;

/// <summary>prod exactly as cdk.json ships it.</summary>
public sealed class ProdTemplate() : SynthesizedTemplate(RepositoryFiles.ShippedStage("prod"));
