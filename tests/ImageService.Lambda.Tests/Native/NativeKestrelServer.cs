using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ImageService.Lambda.Tests.Native;

/// <summary>
/// The published native <c>bootstrap</c> as the single-machine install runs it: no <c>AWS_LAMBDA_RUNTIME_API</c>, so it
/// serves HTTP on Kestrel, every route group, on a loopback port the OS picks (<c>--urls http://127.0.0.1:0</c>; the
/// address is read back from the start-up log).
/// </summary>
internal sealed partial class NativeKestrelServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NativeKestrelServer(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = default!;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<NativeKestrelServer> StartAsync(string bootstrap, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(bootstrap)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        // Nothing from the test host: no Lambda runtime address (that would make it a Lambda function), no ASP.NET
        // Core or .NET settings, no configuration overrides.
        foreach (var key in start.Environment.Keys
                     .Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_", StringComparison.Ordinal)
                                 || k.StartsWith("AWS_", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal))
                     .ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var server = new NativeKestrelServer(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(server._listening.Task, exited, Task.Delay(StartTimeout));
        if (first != server._listening.Task)
        {
            var why = first == exited ? $"exited with {process.ExitCode}" : "did not report its address in time";
            await server.DisposeAsync();
            Assert.Fail($"bootstrap {why}:\n{server.Output}");
        }
        server.BaseAddress = await server._listening.Task;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        // Kestrel's "Now listening on: http://127.0.0.1:PORT" (Microsoft.Hosting.Lifetime, in the JSON log line).
        if (ListeningOn().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Value + "/"));
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:[0-9]+")]
    private static partial Regex ListeningOn();
}
