using System.Diagnostics;
using System.Text;

namespace ImageService.Lambda.Tests.Native;

/// <summary>
/// One Lambda function as the sandbox runs it: the published native <c>bootstrap</c> started with
/// <c>AWS_LAMBDA_RUNTIME_API</c> pointing at its own fake Runtime API and <c>_HANDLER</c> naming its route group.
/// </summary>
internal sealed class NativeFunction : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NativeFunction(FakeRuntimeApi runtime, Process process)
    {
        Runtime = runtime;
        _process = process;
    }

    public FakeRuntimeApi Runtime { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote (JSON log lines), for failure messages.</summary>
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

    public static async Task<NativeFunction> StartAsync(string bootstrap, string handler, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var runtime = await FakeRuntimeApi.StartAsync();
        var start = new ProcessStartInfo(bootstrap)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Only what Lambda would set plus the function's own configuration: nothing inherited from the test host's
        // ASP.NET Core, .NET or AWS settings.
        foreach (var key in start.Environment.Keys
                     .Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_", StringComparison.Ordinal)
                                 || k.StartsWith("AWS_", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal))
                     .ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.Address;
        start.Environment["_HANDLER"] = handler;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var function = new NativeFunction(runtime, process);
        process.OutputDataReceived += (_, e) => function.Append(e.Data);
        process.ErrorDataReceived += (_, e) => function.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return function;
    }

    /// <summary>Queues the event and returns what the runtime posted; fails with the process output if the process
    /// dies or never answers.</summary>
    public async Task<RuntimeOutcome> InvokeAsync(string eventJson)
    {
        var invocation = Runtime.InvokeAsync(eventJson);
        var exited = _process.WaitForExitAsync();
        try
        {
            if (await Task.WhenAny(invocation, exited) == exited)
            {
                Assert.Fail($"bootstrap exited with {_process.ExitCode} before answering:\n{Output}");
            }
            return await invocation;
        }
        catch (TimeoutException)
        {
            Assert.Fail($"bootstrap did not answer in time:\n{Output}");
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        await Runtime.DisposeAsync();
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
    }
}
