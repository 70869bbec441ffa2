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
    public void Repository_root_is_found_from_any_folder_below_cdk_json()
    {
        var nested = Path.Combine(RepositoryFiles.Root, "infra", "ImageService.Infra");

        Assert.Equal(RepositoryFiles.Root, LambdaArtifact.FindRepositoryRoot(nested));
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, "cdk.json")));
    }
}
