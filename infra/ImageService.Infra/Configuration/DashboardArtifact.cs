using System.Diagnostics;
using Constructs;

namespace ImageService.Infra.Configuration;

/// <summary>
/// The dashboard's published static files (the <c>wwwroot</c> of a <c>dotnet publish</c> of web/ImageService.Dashboard,
/// holding <c>app/index.html</c> and the fingerprinted <c>app/_framework</c>). Named with <c>-c dashboardDir=DIR</c> or
/// <c>IMAGESERVICE_DASHBOARD_DIR</c> (CI publishes once; tests use a stand-in); otherwise the app publishes it, so
/// <c>cdk deploy</c> ships the current dashboard.
/// </summary>
public static class DashboardArtifact
{
    public const string ContextKey = "dashboardDir";
    public const string EnvironmentVariable = "IMAGESERVICE_DASHBOARD_DIR";
    public const string Project = "web/ImageService.Dashboard/ImageService.Dashboard.csproj";
    public const string DefaultPublishDirectory = "artifacts/dashboard";
    public const string IndexPage = "app/index.html";

    public static string Resolve(Node node, string repositoryRoot, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(log);
        var given = node.TryGetContext(ContextKey) as string;
        if (string.IsNullOrWhiteSpace(given))
        {
            given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        }
        return string.IsNullOrWhiteSpace(given) ? Publish(repositoryRoot, log) : Require(Path.GetFullPath(given, repositoryRoot));
    }

    public static string Require(string directory)
    {
        if (!File.Exists(Path.Combine(directory, IndexPage)))
        {
            throw new InvalidOperationException(
                $"Dashboard directory '{directory}' has no '{IndexPage}'. Publish it with `dotnet publish {Project} -c Release -o <dir>` and pass <dir>/wwwroot, or leave {ContextKey} unset.");
        }
        return directory;
    }

    private static string Publish(string repositoryRoot, TextWriter log)
    {
        var output = Path.Combine(repositoryRoot, DefaultPublishDirectory);
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true); // stale fingerprinted files would ship too
        }
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = repositoryRoot,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", Project, "-c", "Release", "-o", output, "--artifacts-path", Path.Combine(repositoryRoot, "artifacts/dashboard-build"), "--nologo" })
        {
            start.ArgumentList.Add(argument);
        }
        log.WriteLine($"Publishing the dashboard: dotnet {string.Join(' ', start.ArgumentList)}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet to publish the dashboard.");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Publishing the dashboard failed (exit code {process.ExitCode}); see the output above.");
        }
        return Require(Path.Combine(output, "wwwroot"));
    }
}
