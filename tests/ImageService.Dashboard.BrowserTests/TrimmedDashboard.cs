using ImageService.Api.Testing;

namespace ImageService.Dashboard.BrowserTests;

/// <summary>
/// The dashboard as it ships: <c>dotnet publish -c Release</c> (trimmed, fingerprinted, compressed), the same output
/// the API's publish carries and <c>cdk deploy</c> uploads. From <c>IMAGESERVICE_DASHBOARD_PUBLISH_DIR</c> when given,
/// else published here into the repository's git-ignored <c>artifacts/dashboard-publish/</c> with its own bin/obj
/// (<c>--artifacts-path</c>), apart from the Debug build the other browser tests serve and from the native publish the
/// Lambda tests make at the same time; a second run re-publishes only what changed.
/// </summary>
internal static class TrimmedDashboard
{
    public const string DirectoryVariable = "IMAGESERVICE_DASHBOARD_PUBLISH_DIR";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Publishes (unless given) and answers the publish's web root (it holds <c>app/index.html</c>).</summary>
    public static async Task<string> PublishAsync()
    {
        var given = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            var directory = Path.GetFullPath(given);
            Assert.True(File.Exists(Path.Combine(directory, "wwwroot", "app", "index.html")), $"{DirectoryVariable}={directory} has no wwwroot/app/index.html");
            return Path.Combine(directory, "wwwroot");
        }

        var output = await RepositoryPublish.PublishAsync("dashboard-publish", Path.Combine("web", "ImageService.Dashboard", "ImageService.Dashboard.csproj"),
            [], PublishTimeout);
        return Path.Combine(output, "wwwroot");
    }
}
