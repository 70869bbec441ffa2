using ImageService.Api.Testing;

namespace ImageService.Lambda.Tests.Native;

/// <summary>
/// The published Native AOT artifact under test: the folder given by <c>IMAGESERVICE_NATIVE_BOOTSTRAP_DIR</c> (CI
/// publishes once and shares it), else a publish made here into the repository's git-ignored
/// <c>artifacts/native-bootstrap/</c>. That publish keeps its own bin/obj (<c>--artifacts-path</c>), apart from the
/// JIT builds the tests run from, so a second run only re-links what changed (seconds when nothing did).
/// </summary>
internal static class NativeArtifact
{
    public const string DirectoryVariable = "IMAGESERVICE_NATIVE_BOOTSTRAP_DIR";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);

    // One publish per test run, whichever fixtures ask (the Lambda smoke tests, the Kestrel dashboard tests): each
    // publish empties the folder the others run from.
    private static readonly Lazy<Task<string>> Published = new(PublishOrReuseOnceAsync);

    public static Task<string> PublishOrReuseAsync() => Published.Value;

    private static async Task<string> PublishOrReuseOnceAsync()
    {
        var given = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            var directory = Path.GetFullPath(given);
            Assert.True(File.Exists(Path.Combine(directory, "bootstrap")), $"{DirectoryVariable}={directory} has no bootstrap");
            return directory;
        }

        // The same folders and lock as lambda-bench.sh: whichever of the two runs first, the other re-links nothing.
        return await RepositoryPublish.PublishAsync("native-bootstrap", Path.Combine("functions", "ImageService.Api", "ImageService.Api.csproj"),
            ["-r", "linux-x64"], PublishTimeout);
    }
}
