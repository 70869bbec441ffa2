namespace ImageService.Infra.Tests.Support;

/// <summary>dev exactly as cdk.json ships it.</summary>
public sealed class DevTemplate() : SynthesizedTemplate(RepositoryFiles.ShippedStage("dev"));
