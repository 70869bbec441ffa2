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
    public void A_native_bootstrap_beside_libvips_is_accepted_as_is()
    {
        using var artifact = new DummyArtifact();

        Assert.Equal(artifact.Directory, LambdaArtifact.RequireArtifact(artifact.Directory));
    }

    [Theory]
    [InlineData("libvips.so.42")]
    [InlineData("libvips-cpp.so.8.18.7")]
    public void Libvips_is_found_whichever_package_named_it(string libvips)
    {
        using var artifact = new DummyArtifact();
        File.Delete(artifact.PathOf("libvips.so.42"));
        File.WriteAllBytes(artifact.PathOf(libvips), [0x7F]);

        Assert.Equal(artifact.Directory, LambdaArtifact.RequireArtifact(artifact.Directory));
    }

    [Fact]
    public void A_readytorun_build_with_bootstrap_dll_is_refused_as_pre_native_aot()
    {
        using var artifact = new DummyArtifact();
        File.WriteAllBytes(artifact.PathOf("bootstrap.dll"), [0x4D, 0x5A]); // "MZ": a managed assembly's PE header

        var error = Assert.Throws<InvalidOperationException>(() => LambdaArtifact.RequireArtifact(artifact.Directory));

        Assert.Contains("'bootstrap.dll' beside 'bootstrap'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReadyToRun", error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet publish functions/ImageService.Api", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("script")]
    [InlineData("arm64")]
    [InlineData("truncated")]
    public void A_bootstrap_that_is_not_a_linux_x64_executable_is_refused(string kind)
    {
        using var artifact = new DummyArtifact();
        byte[] bootstrap = kind switch
        {
            "script" => "#!/bin/sh\nexec ./app\n"u8.ToArray(),
            "arm64" => [.. DummyArtifact.ElfX64Header[..18], 0xB7, 0x00], // EM_AARCH64 = 183
            _ => DummyArtifact.ElfX64Header[..10],
        };
        File.WriteAllBytes(artifact.PathOf("bootstrap"), bootstrap);

        var error = Assert.Throws<InvalidOperationException>(() => LambdaArtifact.RequireArtifact(artifact.Directory));

        Assert.Contains("is not a native linux-x64 executable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_artifact_without_libvips_is_refused()
    {
        using var artifact = new DummyArtifact();
        File.Delete(artifact.PathOf("libvips.so.42"));

        var error = Assert.Throws<InvalidOperationException>(() => LambdaArtifact.RequireArtifact(artifact.Directory));

        Assert.Contains("has no libvips library", error.Message, StringComparison.Ordinal);
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
