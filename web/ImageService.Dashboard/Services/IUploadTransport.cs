namespace ImageService.Dashboard.Services;

/// <summary>
/// How file bytes leave the browser: straight from the input's File objects to the server, never through .NET
/// memory, with upload progress (which only XMLHttpRequest reports). In the browser it is <see cref="BrowserUploads"/>
/// (js/upload.js); the component tests answer it with a double.
/// </summary>
public interface IUploadTransport
{
    /// <summary>Snapshots the files of the file input <paramref name="inputId"/>: choosing again while uploads run
    /// must not change what those uploads send.</summary>
    Task<StagedBatch> StageAsync(string inputId);

    /// <summary>Never throws for network failures: those are status 0. <paramref name="progress"/> gets the bytes
    /// sent and the total as the browser reports them.</summary>
    Task<UploadAnswer> SendAsync(UploadSend send, Action<long, long> progress);

    void Release(int batch);
}
