using ImageService.Dashboard.Services;

namespace ImageService.Dashboard.Tests;

/// <summary>
/// The upload transport for the component tests: the files "chosen" in an input are what <see cref="Choose"/> set;
/// every send is recorded, reports half of the file and then all of it as progress, and gets <see cref="Answer"/>.
/// </summary>
public sealed class FakeUploads : IUploadTransport
{
    private readonly Dictionary<string, StagedFile[]> chosen = new(StringComparer.Ordinal);
    private int nextBatch = 1;

    public List<UploadSend> Sends { get; } = [];

    public List<int> Released { get; } = [];

    /// <summary>The progress reports each send made, (loaded, total).</summary>
    public List<(long Loaded, long Total)> Progress { get; } = [];

    public UploadAnswer Answer { get; set; } = new(201, "{}");

    public void Choose(string inputId, params StagedFile[] files) => chosen[inputId] = files;

    public Task<StagedBatch> StageAsync(string inputId) =>
        Task.FromResult(new StagedBatch(nextBatch++, chosen.GetValueOrDefault(inputId) ?? []));

    public Task<UploadAnswer> SendAsync(UploadSend send, Action<long, long> progress)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(progress);
        Sends.Add(send);
        const long total = 1000;
        foreach (var loaded in new long[] { total / 2, total })
        {
            Progress.Add((loaded, total));
            progress(loaded, total);
        }
        return Task.FromResult(Answer);
    }

    public void Release(int batch) => Released.Add(batch);
}
