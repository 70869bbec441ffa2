using ImageService.Api.Auth;
using ImageService.Core.Delivery;
using ImageService.Core.Images;
using ImageService.Core.Storage;
using ImageService.Core.Variants;
using Microsoft.AspNetCore.Mvc;

namespace ImageService.Api.Images;

/// <summary>What the image-bytes endpoints need besides the image id (bound with [AsParameters]).</summary>
internal sealed record ContentServices(
    [FromServices] CurrentUser User,
    [FromServices] IImageMetadataStore Store,
    [FromServices] IBlobStore Blobs,
    [FromServices] DerivedResults Derived,
    [FromServices] DeliveryTransforms Transforms,
    [FromServices] ILogger<DerivedResults> RenderLogger,
    HttpContext Context,
    CancellationToken CancellationToken);
