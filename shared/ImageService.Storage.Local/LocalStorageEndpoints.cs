using ImageService.Core.Images;
using ImageService.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Storage.Local;

/// <summary>
/// The endpoints that stand in for S3 on one machine: the target of a presigned upload and of a large delivery
/// result's redirect. Mapped by the composition root when this backend runs, so the HTTP layer never asks which
/// backend it has. Both URLs are their own credential (an HMAC token), as presigned S3 URLs are, so neither needs a
/// bearer token. Problems are plain <c>TypedResults.Problem</c>: the API's problem details service gives them their
/// type, title and correlation id like every other problem.
/// </summary>
public static class LocalStorageEndpoints
{
    private const string PublicImmutable = "public, max-age=31536000, immutable";

    /// <summary>The endpoints mapped, so the composition root can describe their responses with the API's problem
    /// table and media types (this backend knows neither).</summary>
    public sealed record Mapped(RouteHandlerBuilder? Upload, RouteHandlerBuilder? LargeResult);

    /// <param name="routes">The application's routes (not a group: the paths are absolute).</param>
    /// <param name="uploads">Map <c>PUT {Storage:UploadPath}{token}</c> (the process serves uploads).</param>
    /// <param name="largeResults">Map <c>GET /delivery-results/{token}</c> (the process serves delivery).</param>
    public static Mapped MapLocalStorageEndpoints(this IEndpointRouteBuilder routes, bool uploads, bool largeResults)
    {
        ArgumentNullException.ThrowIfNull(routes);
        RouteHandlerBuilder? upload = null, largeResult = null;
        if (uploads)
        {
            var uploadPath = routes.ServiceProvider.GetRequiredService<LocalStorageOptions>().UploadPath.TrimEnd('/');
            upload = routes.MapPut($"{uploadPath}/{{token}}", ReceiveUploadAsync)
                .WithName("ReceiveLocalUpload")
                .WithTags("Images")
                .WithSummary("Embedded backend only: receives the file of a presigned upload (the URL is the credential).")
                .Accepts<byte[]>("application/octet-stream")
                .AllowAnonymous();
        }
        if (largeResults)
        {
            largeResult = routes.MapGet(LocalLargeResultLinks.RoutePrefix + "{token}", GetLargeResultAsync)
                .WithName("GetLargeDeliveryResult")
                .WithTags("Delivery")
                .WithSummary("Embedded backend only: a stored delivery result too large to answer inline (the link is the credential).")
                .AllowAnonymous();
        }
        return new Mapped(upload, largeResult);
    }

    /// <summary>PUT {Storage:UploadPath}{token}: the signed local URL stands in for S3.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> ReceiveUploadAsync(
        string token, HttpRequest request, LocalUploadPresigner presigner, IImageMetadataStore store, IBlobStore blobs,
        CancellationToken cancellationToken)
    {
        if (!presigner.TryValidate(token, out var grant))
        {
            return Problem(403, "The upload URL is invalid or has expired; request a new one.");
        }
        if (request.ContentLength > grant.MaxBytes)
        {
            return Problem(413, $"The file exceeds the {grant.MaxBytes} byte limit.");
        }
        var record = await store.GetAsync(grant.OwnerId, grant.ImageId, cancellationToken);
        if (record is not { Status: ImageStatus.Pending })
        {
            return Problem(404, "No pending upload exists for this URL.");
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = grant.MaxBytes + 1;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > grant.MaxBytes)
            {
                return Problem(413, $"The file exceeds the {grant.MaxBytes} byte limit.");
            }
            buffer.Write(chunk, 0, read);
        }
        await blobs.PutAsync(BlobKeys.Upload(grant.OwnerId, grant.ImageId), buffer.GetBuffer().AsMemory(0, (int)buffer.Length),
            new BlobWriteOptions("application/octet-stream"), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>GET /delivery-results/{token}: the target of a large result's redirect.</summary>
    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetLargeResultAsync(
        string token, LocalLargeResultLinks links, IBlobStore blobs, HttpContext context, CancellationToken cancellationToken)
    {
        var key = links.Open(token);
        if (key is null || !key.StartsWith(BlobKeys.DerivedPrefix, StringComparison.Ordinal)
            || await blobs.GetAsync(key, cancellationToken) is not { } blob)
        {
            return Problem(404, "This link is unknown or has expired; request the delivery URL again.");
        }
        context.Response.Headers.CacheControl = PublicImmutable;
        return TypedResults.Stream(blob.Content, blob.ContentType);
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);
}
