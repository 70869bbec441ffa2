using ImageService.Infra.Configuration;
using ImageService.Infra.Tests.Support;

namespace ImageService.Infra.Tests;

public sealed class LambdaArtifactTests
{
    [Fact]
    public void A_directory_without_bootstrap_is_refused_with_the_publish_command()
    {
        var empty = Directory.CreateTempSubdirectory("imageservice-empty-");
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => LambdaArtifact.RequireArtifact(empty.FullName));

            Assert.Contains("has no 'bootstrap'", error.Message, StringComparison.Ordinal);
            Assert.Contains("dotnet publish functions/ImageService.Api", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_published_directory_is_accepted_as_is()
    {
        using var artifact = new DummyArtifact();

        Assert.Equal(artifact.Directory, LambdaArtifact.RequireArtifact(artifact.Directory));
    }

    [Fact]
    public void Repository_root_is_the_nearest_folder_above_that_holds_cdk_json()
    {
        var root = Directory.CreateTempSubdirectory("imageservice-repo-");
        try
        {
            File.WriteAllText(Path.Combine(root.FullName, "cdk.json"), "{}");
            var nested = Directory.CreateDirectory(Path.Combine(root.FullName, "infra", "ImageService.Infra", "bin")).FullName;

            Assert.Equal(root.FullName, LambdaArtifact.FindRepositoryRoot(nested));
            Assert.Equal(root.FullName, LambdaArtifact.FindRepositoryRoot(root.FullName));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
