using System.Diagnostics;

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

        var root = RepositoryRoot();
        var work = Path.Combine(root, "artifacts", "native-bootstrap");
        Directory.CreateDirectory(work);
        // Two test runs of one checkout (an IDE and a terminal) would otherwise publish into the same folders at once.
        await using var publishLock = await LockAsync(Path.Combine(work, "publish.lock"));
        var output = Path.Combine(work, "publish");
        // Only what this publish writes: -o never deletes, and a stale file (an old bootstrap.dll) would be tested.
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
                     "publish", Path.Combine(root, "functions", "ImageService.Api", "ImageService.Api.csproj"),
                     "-c", "Release", "-r", "linux-x64", "-o", output, "--artifacts-path", Path.Combine(work, "build"),
                     "--nologo", "--disable-build-servers",
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
        Assert.True(process.ExitCode == 0, $"dotnet publish failed ({process.ExitCode}):\n{Tail(log, 60)}");
        return output;
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
            catch (IOException) when (attempt < 1200)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static string Tail(string text, int lines) =>
        string.Join('\n', text.Split('\n').TakeLast(lines));
}
