using ImageService.Core.Delivery;
using ImageService.Core.Imaging;

namespace ImageService.Api.Delivery;

/// <summary>The log line of a render on a derived-result miss (Core renders, it does not log).</summary>
internal static partial class RenderLog
{
    public static void Rendered(ILogger logger, DerivedTarget target, RenderedImage rendered) =>
        LogRendered(logger, target.Image.Id, target.CanonicalKey, rendered.Bytes.Length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rendered {ImageId} as {CanonicalKey} ({Bytes} bytes)")]
    private static partial void LogRendered(ILogger logger, string imageId, string canonicalKey, int bytes);
}
