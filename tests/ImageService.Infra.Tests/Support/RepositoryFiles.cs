using ImageService.Infra.Configuration;

namespace ImageService.Infra.Tests.Support;

/// <summary>Paths in the repository the tests run from (the directory holding cdk.json).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = LambdaArtifact.FindRepositoryRoot(AppContext.BaseDirectory);

    public static string CdkJson => Path.Combine(Root, "cdk.json");

    /// <summary>The <c>stages</c> object exactly as cdk.json ships it.</summary>
    public static string ShippedStagesJson()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(CdkJson))!;
        return document["context"]![StageSettingsReader.StagesContextKey]!.ToJsonString();
    }

    public static StageSettings ShippedStage(string stage) => StageSettingsReader.Parse(stage, ShippedStagesJson());
}
