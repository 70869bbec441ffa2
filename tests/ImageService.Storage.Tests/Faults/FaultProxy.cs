using System.Net;
using System.Net.Sockets;

namespace ImageService.Storage.Tests.Faults;

/// <summary>
/// A loopback TCP proxy in front of an emulator that can misbehave the way a network or an overloaded service does.
/// The mode is read for every chunk, so connections the SDK already holds in its pool meet the fault too.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri upstream;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private volatile ProxyMode mode = ProxyMode.Pass;
    private int faultsLeft = int.MaxValue;

    private FaultProxy(Uri upstream)
    {
        this.upstream = upstream;
        listener.Start();
        accepting = AcceptAsync();
    }

    public static FaultProxy Start(Uri upstream) => new(upstream);

    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    /// <summary>How many connections met the fault (proof that the fault happened at all).</summary>
    public int FaultsDone => faultsDone;

    private int faultsDone;

    /// <summary>Misbehave for the next <paramref name="times"/> requests (default: until told otherwise), then pass.</summary>
    public void Set(ProxyMode newMode, int times = int.MaxValue)
    {
        Interlocked.Exchange(ref faultsLeft, times);
        mode = newMode;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // stopped
        }
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(upstream.Host, upstream.Port, stopping.Token);
            var clientStream = client.GetStream();
            var serverStream = server.GetStream();
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            var requests = PumpRequestsAsync(client, clientStream, serverStream, server, connection.Token);
            var responses = PumpResponsesAsync(client, serverStream, clientStream, connection.Token);
            await Task.WhenAny(requests, responses);
            await connection.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the connection ended, by either side or by a fault
        }
    }

    private async Task PumpRequestsAsync(TcpClient client, NetworkStream from, NetworkStream to, TcpClient server, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var current = mode;
            switch (current is ProxyMode.Stall or ProxyMode.CutMidRequest && TakeFault() ? current : ProxyMode.Pass)
            {
                case ProxyMode.Stall:
                    // Swallow the request and never answer: the client's own timeout has to fire. Later bytes
                    // (the SDK gives up and closes) end the loop.
                    while (await from.ReadAsync(buffer, cancellationToken) > 0)
                    {
                    }
                    return;
                case ProxyMode.CutMidRequest:
                    // Half the first chunk reaches the service, then both connections are reset.
                    await to.WriteAsync(buffer.AsMemory(0, Math.Max(1, read / 2)), cancellationToken);
                    Reset(client);
                    Reset(server);
                    return;
                default:
                    await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    break;
            }
        }
    }

    private async Task PumpResponsesAsync(TcpClient client, NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            // Interim answers (100 Continue before an S3 PUT body) pass: the fault is losing the final answer of a
            // request the service has completed, not cutting the request short.
            if (mode == ProxyMode.DropResponse && !IsInterimResponse(buffer.AsSpan(0, read)) && TakeFault())
            {
                // The service did the work; the answer is lost on the way back.
                Reset(client);
                return;
            }
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    /// <summary>Counts one faulty connection; false (and back to passing) once the faults asked for are done.</summary>
    private bool TakeFault()
    {
        if (Interlocked.Decrement(ref faultsLeft) < 0)
        {
            mode = ProxyMode.Pass;
            return false;
        }
        Interlocked.Increment(ref faultsDone);
        return true;
    }

    private static bool IsInterimResponse(ReadOnlySpan<byte> chunk) => chunk.StartsWith("HTTP/1.1 1"u8);

    private static void Reset(TcpClient connection)
    {
        connection.LingerState = new LingerOption(true, 0); // RST, as a crashed peer or a middlebox drop looks
        connection.Close();
    }
}
