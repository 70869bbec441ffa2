using ImageService.Api.Auth;
using ImageService.Api.Observability;
using ImageService.Api.Jobs;
using ImageService.Core.Ids;
using ImageService.Core.Images;
using ImageService.Core.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Images;

/// <summary>What the upload endpoints need besides the request's own values (bound with [AsParameters]).</summary>
internal sealed record UploadServices(
    [FromServices] CurrentUser User,
    [FromServices] IImageMetadataStore Store,
    [FromServices] IBlobStore Blobs,
    [FromServices] ImageIngest Ingest,
    [FromServices] ImageIdGenerator Ids,
    [FromServices] IUploadPresigner Presigner,
    [FromServices] IOptions<UploadOptions> Options,
    [FromServices] TimeProvider Time,
    [FromServices] ServiceMetrics Metrics,
    [FromServices] EagerRenditions Eager,
    HttpRequest Request,
    CancellationToken CancellationToken)
{
    public UploadOptions Limits => Options.Value;
}
