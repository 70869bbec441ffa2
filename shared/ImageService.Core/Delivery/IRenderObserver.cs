using ImageService.Core.Imaging;

namespace ImageService.Core.Delivery;

/// <summary>Told of every result <see cref="DerivedResults"/> renders and stores, whichever route or job asked for it
/// (the API records the engine time as a metric by output format).</summary>
public interface IRenderObserver
{
    /// <summary><paramref name="engineTime"/>: the engine's transform alone, without reading the original or storing.</summary>
    void Rendered(DerivedTarget target, RenderedImage rendered, TimeSpan engineTime);
}
