using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;

namespace ImageService.Dashboard.Services;

/// <summary><see cref="IUploadTransport"/> through js/upload.js, called with [JSImport]: names, sizes, headers and
/// fields cross as arrays, the progress as a callback, the answer as a plain object; no JSON serialiser. The module is
/// imported on the first upload, so the first visit does not download it.</summary>
[SupportedOSPlatform("browser")]
public sealed partial class BrowserUploads(Uri appBase) : IUploadTransport
{
    private const string ModuleName = "imageservice-upload";
    private Task? imported;

    public async Task<StagedBatch> StageAsync(string inputId)
    {
        await (imported ??= JSHost.ImportAsync(ModuleName, new Uri(appBase, "js/upload.js").ToString()));
        var batch = Stage(inputId);
        var names = Names(batch);
        var sizes = Sizes(batch);
        return new StagedBatch(batch, [.. names.Select((name, i) => new StagedFile(name, (long)sizes[i]))]);
    }

    public async Task<UploadAnswer> SendAsync(UploadSend send, Action<long, long> progress)
    {
        ArgumentNullException.ThrowIfNull(send);
        using var answer = await Send(send.Batch, send.Index, send.Method, send.Url, Flatten(send.Headers),
            send.Fields is null ? null : Flatten(send.Fields), send.Bearer, (loaded, total) => progress((long)loaded, (long)total));
        return new UploadAnswer(answer.GetPropertyAsInt32("status"), answer.GetPropertyAsString("body") ?? "");
    }

    public void Release(int batch) => ReleaseBatch(batch);

    /// <summary>name, value, name, value…: the marshaller carries arrays of strings, not dictionaries.</summary>
    private static string[] Flatten(IReadOnlyDictionary<string, string>? pairs) =>
        pairs is null ? [] : [.. pairs.SelectMany(p => new[] { p.Key, p.Value })];

    [JSImport("stage", ModuleName)]
    private static partial int Stage(string inputId);

    [JSImport("names", ModuleName)]
    [return: JSMarshalAs<JSType.Array<JSType.String>>]
    private static partial string[] Names(int batch);

    [JSImport("sizes", ModuleName)]
    [return: JSMarshalAs<JSType.Array<JSType.Number>>]
    private static partial double[] Sizes(int batch);

    [JSImport("send", ModuleName)]
    private static partial Task<JSObject> Send(int batch, int index, string method, string url,
        [JSMarshalAs<JSType.Array<JSType.String>>] string[] headers, [JSMarshalAs<JSType.Array<JSType.String>>] string[]? fields, string? bearer,
        [JSMarshalAs<JSType.Function<JSType.Number, JSType.Number>>] Action<double, double> progress);

    [JSImport("release", ModuleName)]
    private static partial void ReleaseBatch(int batch);
}
