using ImageService.Core.Delivery;
using ImageService.Core.Imaging;

namespace ImageService.Api.Observability;

/// <summary>Feeds every render of <see cref="DerivedResults"/> (delivery, content, eager variants) into the render-time
/// histogram.</summary>
internal sealed class RenderMetrics(ServiceMetrics metrics) : IRenderObserver
{
    public void Rendered(DerivedTarget target, RenderedImage rendered, TimeSpan engineTime)
    {
        ArgumentNullException.ThrowIfNull(target);
        metrics.Rendered(target.Format, engineTime);
    }
}
