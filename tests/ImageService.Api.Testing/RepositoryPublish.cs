using System.Diagnostics;

namespace ImageService.Api.Testing;

/// <summary>
/// <c>dotnet publish</c> of one of the repository's projects, for the tests that exercise what ships (the native
/// bootstrap, the trimmed dashboard): into the git-ignored <c>artifacts/{name}/publish</c>, with its own bin/obj
/// (<c>--artifacts-path artifacts/{name}/build</c>) apart from the JIT builds the tests run from, so a second run only
/// redoes what changed; under <c>artifacts/{name}/publish.lock</c>, the lock the benchmark scripts take too, so two
/// runs of one checkout never publish into the same folders at once.
/// </summary>
public static class RepositoryPublish
{
    /// <summary>Publishes <paramref name="project"/> (a path from the repository root) in Release with
    /// <paramref name="arguments"/> added, and answers the output folder.</summary>
    public static async Task<string> PublishAsync(string name, string project, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var root = RepositoryRoot();
        var work = Path.Combine(root, "artifacts", name);
        Directory.CreateDirectory(work);
        await using var publishLock = await LockAsync(Path.Combine(work, "publish.lock"), timeout);
        var output = Path.Combine(work, "publish");
        // -o never deletes: a stale file (an old bootstrap.dll, last run's fingerprinted assembly) would be tested.
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
        foreach (var argument in (string[])["publish", Path.Combine(root, project), "-c", "Release", .. arguments, "-o", output,
                     "--artifacts-path", Path.Combine(work, "build"), "--nologo", "--disable-build-servers"])
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
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        var log = await stdout + await stderr;
        await File.WriteAllTextAsync(Path.Combine(work, "publish.log"), log);
        Assert.True(process.ExitCode == 0, $"dotnet publish {project} failed ({process.ExitCode}):\n{string.Join('\n', log.Split('\n').TakeLast(60))}");
        return output;
    }

    /// <summary>The folder holding ImageService.sln, found upwards from the test binaries.</summary>
    public static string RepositoryRoot()
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

    // .NET takes FileShare.None on Unix as an exclusive flock, the same lock flock(1) takes in the benchmark scripts.
    private static async Task<FileStream> LockAsync(string path, TimeSpan patience)
    {
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromSeconds(1))
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited < patience)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
