using ImageService.Api.Usage;
using ImageService.Core.Delivery;
using ImageService.Core.Images;
using ImageService.Core.Storage;
using ImageService.Core.Variants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Delivery;

/// <summary>What the delivery routes need besides the key and path (bound with [AsParameters]).</summary>
internal sealed record DeliveryServices(
    [FromServices] DeliveryGate Gate,
    [FromServices] IImageMetadataStore Images,
    [FromServices] DeliveryTransforms Transforms,
    [FromServices] DerivedResults Derived,
    [FromServices] ILogger<DerivedResults> RenderLogger,
    [FromServices] ILargeResultLinks Links,
    [FromServices] UsageRecorder Usage,
    [FromServices] IOptions<DeliveryOptions> Options,
    [FromServices] TimeProvider Time,
    HttpContext Context,
    CancellationToken CancellationToken);
