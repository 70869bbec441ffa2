using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ImageService.Storage.Tests.Aws;

/// <summary>One emulator (dynalite or s3rver) run with node from the repo's node_modules on a loopback port.</summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<string> _nodeOptions;
    private readonly string _script;
    private readonly Func<int, IReadOnlyList<string>> _arguments;
    private Process? _process;

    private EmulatorProcess(IReadOnlyList<string> nodeOptions, string script, Func<int, IReadOnlyList<string>> arguments, int port)
    {
        _nodeOptions = nodeOptions;
        _script = script;
        _arguments = arguments;
        Port = port;
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    /// <summary>dynalite persisting to <paramref name="dataDirectory"/> (so a restart keeps the table).</summary>
    public static Task<EmulatorProcess> StartDynaliteAsync(string dataDirectory) =>
        StartAsync(
            [],
            Path.Combine(RepoPaths.NodeModules, "dynalite", "cli.js"),
            port => ["--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--path", dataDirectory, "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"]);

    /// <summary>s3rver storing objects under <paramref name="dataDirectory"/>; its built-in key pair is S3RVER/S3RVER.</summary>
    public static Task<EmulatorProcess> StartS3rverAsync(string dataDirectory) =>
        StartAsync(
            // s3rver encrypts list continuation tokens with DES, which OpenSSL 3 only offers in its legacy provider:
            // without it every truncated listing is a 500.
            ["--openssl-legacy-provider"],
            Path.Combine(RepoPaths.NodeModules, "s3rver", "bin", "s3rver.js"),
            port => ["-d", dataDirectory, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent"]);

    /// <summary>Kills the emulator and every child it spawned (the fault tests' "endpoint goes away").</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>Starts it again on the same port and data directory.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static async Task<EmulatorProcess> StartAsync(IReadOnlyList<string> nodeOptions, string script, Func<int, IReadOnlyList<string>> arguments)
    {
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: run `npm ci` in {RepoPaths.Root} (the build normally does).");
        }

        var emulator = new EmulatorProcess(nodeOptions, script, arguments, FreePort());
        await emulator.LaunchAsync();
        return emulator;
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var option in _nodeOptions)
        {
            start.ArgumentList.Add(option);
        }

        start.ArgumentList.Add(_script);
        foreach (var argument in _arguments(Port))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start node {_script}.");
        // Drain the pipes so a chatty emulator never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (!await AnswersAsync(Port))
        {
            if (process.HasExited || deadline.Elapsed > StartupLimit)
            {
                await StopAsync();
                throw new InvalidOperationException($"{Path.GetFileName(_script)} did not start on port {Port}.");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
