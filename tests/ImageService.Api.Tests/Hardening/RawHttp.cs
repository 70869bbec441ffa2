using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ImageService.Api.Tests.Hardening;

/// <summary>HTTP/1.1 over a bare socket: HttpClient (through <see cref="Uri"/>) would normalise dot segments, decode
/// escapes and refuse malformed targets before they ever reach the server, which is exactly what these tests send.</summary>
internal sealed class RawHttp : IDisposable
{
    private readonly TcpClient tcp;
    private readonly NetworkStream stream;

    private RawHttp(TcpClient tcp)
    {
        this.tcp = tcp;
        stream = tcp.GetStream();
    }

    public static async Task<RawHttp> ConnectAsync(Uri server)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        return new RawHttp(tcp);
    }

    /// <summary>One request with <c>Connection: close</c>; the answer's status line and the rest as text.</summary>
    public static async Task<RawResponse> SendAsync(Uri server, string method, string target, string? extraHeaders = null, string? body = null)
    {
        using var http = await ConnectAsync(server);
        var bodyBytes = body is null ? 0 : Encoding.UTF8.GetByteCount(body);
        await http.WriteAsync($"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\n{extraHeaders}"
            + (body is null ? "" : $"Content-Length: {bodyBytes}\r\n") + $"Connection: close\r\n\r\n{body}");
        return RawResponse.Parse(await http.ReadToEndAsync(TimeSpan.FromSeconds(20)));
    }

    public async Task WriteAsync(string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await stream.FlushAsync();
    }

    /// <summary>Everything until the server closes the connection (or <paramref name="limit"/> passes: a failure).</summary>
    public async Task<string> ReadToEndAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the answer (Kestrel aborting a connection) ends the stream as well.
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>How long until the server closes the connection, and what it said first.</summary>
    public async Task<(TimeSpan Elapsed, string Received)> TimeUntilClosedAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var received = await ReadToEndAsync(limit);
        return (clock.Elapsed, received);
    }

    public bool IsOpen => tcp.Connected;

    public void Dispose()
    {
        stream.Dispose();
        tcp.Dispose();
    }
}
