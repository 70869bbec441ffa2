namespace ImageService.Api.Observability;

/// <summary>How a successful delivery was answered, from the derived-result store's point of view.</summary>
public enum DeliveryCacheResult
{
    /// <summary>The transform result was already stored.</summary>
    DerivedHit,
    /// <summary>A derived-cache miss: the engine rendered it now.</summary>
    Render,
    /// <summary>304: the client's If-None-Match named the result.</summary>
    NotModified,
}
