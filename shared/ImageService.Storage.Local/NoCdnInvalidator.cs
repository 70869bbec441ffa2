using ImageService.Core.Storage;
using Microsoft.Extensions.Logging;

namespace ImageService.Storage.Local;

/// <summary>The embedded backend serves delivery itself with no CDN in front, so there is no cache to purge;
/// the paths are logged so a deployment that puts its own CDN in front can see what to purge.</summary>
public sealed partial class NoCdnInvalidator(ILogger<NoCdnInvalidator> logger) : ICdnInvalidator
{
    public Task InvalidateAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        LogSkipped(paths.Count, paths);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No CDN configured; {Count} delivery path(s) not invalidated: {Paths}")]
    private partial void LogSkipped(int count, IReadOnlyCollection<string> paths);
}
