namespace ImageService.Lambda.HttpApi;

/// <summary>Write-only response stream that starts the response on first use and buffers the bytes.</summary>
internal sealed class ResponseBodyStream(LambdaResponseFeature response, MemoryStream sink) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await response.EnsureStartedAsync().ConfigureAwait(false);
        sink.Write(buffer.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        StartSynchronously();
        sink.Write(buffer);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => response.EnsureStartedAsync();

    public override void Flush() => StartSynchronously();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    // Same rule as Kestrel, so code that works in Lambda also works locally.
    private void StartSynchronously()
    {
        if (!response.AllowSynchronousIO)
        {
            throw new InvalidOperationException(
                "Synchronous operations are disallowed. Call WriteAsync or set AllowSynchronousIO to true instead.");
        }

        response.EnsureStartedAsync().GetAwaiter().GetResult();
    }
}
