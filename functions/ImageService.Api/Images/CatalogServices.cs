using ImageService.Api.Auth;
using ImageService.Core.Images;
using ImageService.Core.Paging;
using Microsoft.AspNetCore.Mvc;

namespace ImageService.Api.Images;

/// <summary>What the metadata endpoints need besides the request's own values (bound with [AsParameters]).</summary>
internal sealed record CatalogServices(
    [FromServices] CurrentUser User,
    [FromServices] IImageMetadataStore Store,
    [FromServices] ImageIngest Ingest,
    [FromServices] PageCursorCodec Cursors,
    [FromServices] TimeProvider Time,
    HttpContext Context,
    CancellationToken CancellationToken);
