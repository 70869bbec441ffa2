using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ImageService.Benchmarks.Harness;
using ImageService.Benchmarks.Rows;

namespace ImageService.Benchmarks.Sharp;

/// <summary>
/// sharp in a long-lived node process (sharp-worker.mjs serve), driven one request at a time, so both sides are
/// measured in alternation within one run. While one side runs, the other process waits on a pipe and uses no CPU.
/// </summary>
internal sealed class SharpWorker : IDisposable
{
    private readonly Process _node;
    private readonly StringBuilder _errors;

    private SharpWorker(Process node, StringBuilder errors, string version)
    {
        _node = node;
        _errors = errors;
        Version = version;
    }

    /// <summary>"sharp 0.35.5, libvips 8.18.7, N thread(s) per operation" as reported by the worker itself.</summary>
    public string Version { get; }

    public static SharpWorker Start(SharpSettings settings)
    {
        var node = Process.Start(settings.StartInfo("serve")) ?? throw new InvalidOperationException("could not start node");
        // Drained continuously: a full stderr pipe would stall the worker mid-measurement.
        var errors = new StringBuilder();
        node.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        node.BeginErrorReadLine();
        var ready = node.StandardOutput.ReadLine();
        if (ready is null)
        {
            node.WaitForExit();
            throw new InvalidOperationException("sharp-worker.mjs exited before it was ready: " + Text(errors));
        }

        using var hello = JsonDocument.Parse(ready);
        var root = hello.RootElement;
        var version = string.Create(CultureInfo.InvariantCulture,
            $"sharp {root.GetProperty("sharp").GetString()}, libvips {root.GetProperty("vips").GetString()}, {root.GetProperty("threads").GetInt32()} libvips thread(s) per operation");
        return new SharpWorker(node, errors, version);
    }

    public Measurement Run(SharpRow row, int concurrency, TimeSpan duration, int minOps)
    {
        var request = JsonSerializer.Serialize(new { row, concurrency, seconds = duration.TotalSeconds, minOps });
        _node.StandardInput.WriteLine(request);
        _node.StandardInput.Flush();
        var answer = _node.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException("sharp-worker.mjs exited: " + Text(_errors));
        using (var document = JsonDocument.Parse(answer))
        {
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException("sharp failed: " + error.GetString());
            }
        }

        return JsonSerializer.Deserialize<Measurement>(answer) ?? throw new InvalidOperationException("empty answer from sharp-worker.mjs");
    }

    private static string Text(StringBuilder errors)
    {
        lock (errors)
        {
            return errors.ToString();
        }
    }

    public void Dispose()
    {
        _node.StandardInput.Close();
        if (!_node.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _node.Kill();
        }

        _node.Dispose();
    }
}
