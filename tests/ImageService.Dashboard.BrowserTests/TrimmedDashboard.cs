using System.Diagnostics;

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

        var root = RepositoryRoot();
        var work = Path.Combine(root, "artifacts", "dashboard-publish");
        Directory.CreateDirectory(work);
        // Two test runs of one checkout would otherwise publish into the same folders at once.
        await using var publishLock = await LockAsync(Path.Combine(work, "publish.lock"));
        var output = Path.Combine(work, "publish");
        // -o never deletes: a stale file (last run's fingerprinted assembly) would otherwise be served.
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "publish", Path.Combine(root, "web", "ImageService.Dashboard", "ImageService.Dashboard.csproj"),
                     "-c", "Release", "-o", output, "--artifacts-path", Path.Combine(work, "build"), "--nologo", "--disable-build-servers",
                 })
        {
            start.ArgumentList.Add(argument);
        }
        // The test host's MSBuild variables point at the build that started the tests, not at a fresh one.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        await process.WaitForExitAsync(timeout.Token);
        var log = await stdout + await stderr;
        await File.WriteAllTextAsync(Path.Combine(work, "publish.log"), log);
        Assert.True(process.ExitCode == 0, $"dotnet publish of the dashboard failed ({process.ExitCode}):\n{string.Join('\n', log.Split('\n').TakeLast(60))}");
        return Path.Combine(output, "wwwroot");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImageService.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No ImageService.sln above {AppContext.BaseDirectory}.");
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
