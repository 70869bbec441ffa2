namespace ImageService.Dashboard.Services;

/// <summary>One file of an upload and how far it got; the upload transport reports progress into <see cref="Report"/>.</summary>
public sealed class UploadItem(string name, long size)
{
    public string Name { get; } = name;

    public long Size { get; } = size;

    public long Sent { get; private set; }

    public UploadState State { get; set; } = UploadState.Waiting;

    public string? Error { get; set; }

    /// <summary>0-100, for the progress bar.</summary>
    public int Percent => Size == 0 ? (State == UploadState.Done ? 100 : 0) : (int)Math.Min(100, Sent * 100 / Size);

    /// <summary>Raised on every progress report, so the page re-renders its bars.</summary>
    public event Action? Changed;

    public void Report(long loaded, long total)
    {
        Sent = total > 0 && total != Size ? loaded * Size / total : loaded;
        Changed?.Invoke();
    }

    public void Notify() => Changed?.Invoke();
}
