using System.Diagnostics;

namespace ImageService.Api.Tests.CommandLine;

/// <summary>Runs the app's own build output (bootstrap.dll, copied beside the tests) as a real process.</summary>
internal static class AppProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(string[] args, string environment, string[]? unset = null,
        Dictionary<string, string>? variables = null)
    {
        // The app's build output is copied beside the tests (bootstrap.dll and its settings files).
        var app = Path.Combine(AppContext.BaseDirectory, "bootstrap.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(app);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment.Remove("AWS_LAMBDA_RUNTIME_API");
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var name in unset ?? [])
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in variables ?? [])
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not exit within 60 s: {await stdout}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
