using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ImageService.Lambda.HttpApi;

/// <summary>
/// The response side of one invocation. The body is buffered (Lambda returns it in one piece), but the
/// observable behaviour follows Kestrel: the response "starts" on the first write or flush, OnStarting
/// callbacks run then, and status or headers can no longer change afterwards.
/// </summary>
internal sealed class LambdaResponseFeature : IHttpResponseFeature, IHttpResponseBodyFeature, IHttpBodyControlFeature, IDisposable
{
    private readonly MemoryStream _buffer = new();
    private readonly ResponseBodyStream _stream;
    private readonly Stack<(Func<object, Task> Callback, object State)> _onStarting = new();
    private readonly Stack<(Func<object, Task> Callback, object State)> _onCompleted = new();
    private PipeWriter? _writer;
    private int _statusCode = StatusCodes.Status200OK;

    public LambdaResponseFeature() => _stream = new ResponseBodyStream(this, _buffer);

    public int StatusCode
    {
        get => _statusCode;
        set
        {
            ThrowIfStarted();
            _statusCode = value;
        }
    }

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    [Obsolete("Use IHttpResponseBodyFeature.Stream instead.")]
    public Stream Body
    {
        get => _stream;
        set => throw new NotSupportedException("Replace the body through IHttpResponseBodyFeature instead.");
    }

    public bool HasStarted { get; private set; }

    public Stream Stream => _stream;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));

    public bool AllowSynchronousIO { get; set; }

    public void OnStarting(Func<object, Task> callback, object state)
    {
        ThrowIfStarted();
        _onStarting.Push((callback, state));
    }

    public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Push((callback, state));

    public Task StartAsync(CancellationToken cancellationToken = default) => EnsureStartedAsync();

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(_stream, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        await EnsureStartedAsync().ConfigureAwait(false);
        if (_writer is not null)
        {
            await _writer.FlushAsync().ConfigureAwait(false);
        }
    }

    // The whole body is buffered anyway; there is nothing to switch off.
    public void DisableBuffering()
    {
    }

    /// <summary>Runs the OnStarting callbacks once, newest first, as Kestrel does.</summary>
    public async Task EnsureStartedAsync()
    {
        if (HasStarted)
        {
            return;
        }

        HasStarted = true;
        while (_onStarting.TryPop(out var entry))
        {
            await entry.Callback(entry.State).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the OnCompleted callbacks, newest first; returns the failures instead of stopping at one.</summary>
    public async Task<IReadOnlyList<Exception>> FireOnCompletedAsync()
    {
        List<Exception> failures = [];
        while (_onCompleted.TryPop(out var entry))
        {
            try
            {
                await entry.Callback(entry.State).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One failing callback must not keep the others from running; the caller logs them.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add(ex);
            }
        }

        return failures;
    }

    /// <summary>Flushes what the app left in the pipe writer and returns the complete body.</summary>
    public async Task<ReadOnlyMemory<byte>> GetBodyAsync()
    {
        if (_writer is not null)
        {
            await _writer.FlushAsync().ConfigureAwait(false);
        }

        return _buffer.GetBuffer().AsMemory(0, (int)_buffer.Length);
    }

    /// <summary>
    /// Replaces whatever the app produced with a server-made response. Nothing has left the process yet,
    /// so unlike Kestrel this works even after the app started writing.
    /// </summary>
    public void ReplaceWith(int statusCode, string contentType, byte[] body)
    {
        _writer = null;
        _buffer.SetLength(0);
        _buffer.Write(body);
        _statusCode = statusCode;
        ReasonPhrase = null;
        IHeaderDictionary headers = new HeaderDictionary();
        headers.ContentType = contentType;
        headers.ContentLength = body.Length;
        Headers = headers;
        HasStarted = true;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _buffer.Dispose();
    }

    private void ThrowIfStarted()
    {
        if (HasStarted)
        {
            throw new InvalidOperationException("The response has already started.");
        }
    }
}
