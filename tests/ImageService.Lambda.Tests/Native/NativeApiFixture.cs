using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ImageService.Lambda.Tests.Native;

/// <summary>
/// The published native bootstrap (published once per test run, or reused) and one running function per route group,
/// started on first use. All functions share one embedded-backend data directory, as the Lambda functions of a stage
/// share one table and bucket, so an image uploaded through the upload function is read by the get function.
/// </summary>
public sealed class NativeApiFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<NativeFunction>>> _functions = new(StringComparer.Ordinal);
    private readonly string _cursorKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string ArtifactDirectory { get; private set; } = "";

    public string Bootstrap => Path.Combine(ArtifactDirectory, "bootstrap");

    /// <summary>The functions' working directory; the data directory is inside it.</summary>
    public string WorkingDirectory { get; } = Directory.CreateTempSubdirectory("imageservice-native-").FullName;

    public string DataDirectory => Path.Combine(WorkingDirectory, "data");

    public async Task InitializeAsync() => ArtifactDirectory = await NativeArtifact.PublishOrReuseAsync();

    internal Task<NativeFunction> FunctionAsync(string handler) =>
        _functions.GetOrAdd(handler, h => new Lazy<Task<NativeFunction>>(() => NativeFunction.StartAsync(Bootstrap, h, WorkingDirectory,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Storage__Backend"] = "Local",
                ["Storage__DataDirectory"] = "data", // relative: resolved against the working directory
                ["Paging__CursorKey"] = _cursorKey,
            }))).Value;

    public async Task DisposeAsync()
    {
        foreach (var function in _functions.Values.Where(f => f.IsValueCreated))
        {
            await (await function.Value).DisposeAsync();
        }
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; never fail a run over it.
        }
    }
}
