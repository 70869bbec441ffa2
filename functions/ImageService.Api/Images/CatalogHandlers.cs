using System.Globalization;
using ImageService.Api.Problems;
using ImageService.Core.Images;
using ImageService.Core.Paging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImageService.Api.Images;

/// <summary>Metadata endpoints: get, list, update, delete.</summary>
internal static class CatalogHandlers
{
    private const string MetadataCacheControl = "private, no-cache";

    public static async Task<Results<Ok<ImageResponse>, NotModified, ProblemHttpResult>> GetImage(
        string id, [AsParameters] CatalogServices services)
    {
        var context = services.Context;
        var record = await ImageLookup.FindReadyAsync(services.Store, services.User.Id, id, services.CancellationToken);
        if (record is null)
        {
            return ApiProblems.NotFound();
        }
        var etag = HttpCaching.ForVersion(record.Version);
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = MetadataCacheControl;
        if (HttpCaching.NoneMatchHits(context.Request, etag))
        {
            return NotModified.Instance;
        }
        return TypedResults.Ok(ImageResponse.From(record, context.Request.PathBase));
    }

    public static async Task<Results<Ok<ImageListResponse>, ProblemHttpResult>> ListImages(
        string? albumId, string? tag, string? limit, string? cursor, [AsParameters] CatalogServices services)
    {
        var (user, cursors) = (services.User, services.Cursors);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var pageSize = 20;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 100))
        {
            errors["limit"] = ["An integer from 1 to 100."];
        }
        albumId = string.IsNullOrEmpty(albumId) ? null : albumId;
        tag = string.IsNullOrEmpty(tag) ? null : tag;
        if (albumId is not null && !ImageMetadataInput.IsValidAlbumId(albumId))
        {
            errors["albumId"] = ["Not a valid album id."];
        }
        if (tag is not null && !ImageMetadataInput.IsValidTag(tag))
        {
            errors["tag"] = ["Not a valid tag."];
        }
        var scope = new PageCursorScope(user.Id, albumId, tag);
        string? after = null;
        if (!string.IsNullOrEmpty(cursor) && !cursors.TryDecode(cursor, scope, out after))
        {
            errors["cursor"] = ["Not a cursor issued for this listing; pass back `next` unchanged with the same filters."];
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }
        var page = await services.Store.ListAsync(
            new ImageQuery { OwnerId = user.Id, AlbumId = albumId, Tag = tag, Limit = pageSize, After = after }, services.CancellationToken);
        var items = page.Items.Select(r => ImageResponse.From(r, services.Context.Request.PathBase)).ToList();
        services.Context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(new ImageListResponse(items, page.Next is null ? null : cursors.Encode(scope, page.Next)));
    }

    public static async Task<Results<Ok<ImageResponse>, ProblemHttpResult>> UpdateImage(
        string id, ImagePatchRequest? patch, [AsParameters] CatalogServices services)
    {
        var (user, store, context) = (services.User, services.Store, services.Context);
        if (patch is null)
        {
            return ApiProblems.Validation("body", "A JSON object with title, description, albumId, tags and/or path is required.");
        }
        var record = await ImageLookup.FindReadyAsync(store, user.Id, id, services.CancellationToken);
        if (record is null)
        {
            return ApiProblems.NotFound();
        }
        if (HttpCaching.IfMatch(context.Request, HttpCaching.ForVersion(record.Version)) == false)
        {
            return ApiProblems.Problem(ProblemTypes.PreconditionFailed, "The image was changed since that ETag; fetch it and retry with the new ETag.");
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var input = ImageMetadataInput.Normalise(
            patch.HasTitle ? patch.Title : record.Title,
            patch.HasDescription ? patch.Description : record.Description,
            patch.HasAlbumId ? patch.AlbumId : record.AlbumId,
            patch.HasTags ? patch.Tags ?? [] : record.Tags,
            patch.HasPath ? patch.Path : record.Path,
            errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }
        var updated = input.ApplyTo(record) with
        {
            UpdatedAt = services.Time.GetUtcNow(),
            Version = record.Version + 1,
        };
        // The store's version condition settles races between requests that passed the If-Match check together.
        await store.UpdateAsync(updated, record.Version, services.CancellationToken);
        if (record.Path is { } oldPath && oldPath != updated.Path)
        {
            // The CDN keeps year-long copies under the old path; another image may take it next.
            await services.Ingest.InvalidateDeliveryAsync(user.Id, id, [oldPath]);
        }
        context.Response.Headers.ETag = HttpCaching.ForVersion(updated.Version);
        return TypedResults.Ok(ImageResponse.From(updated, context.Request.PathBase));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteImage(string id, [AsParameters] CatalogServices services)
    {
        var record = await ImageLookup.FindAsync(services.Store, services.User.Id, id, services.CancellationToken);
        if (record is null)
        {
            return ApiProblems.NotFound();
        }
        if (HttpCaching.IfMatch(services.Context.Request, HttpCaching.ForVersion(record.Version)) == false)
        {
            return ApiProblems.Problem(ProblemTypes.PreconditionFailed, "The image was changed since that ETag.");
        }
        await services.Ingest.DeleteAsync(record, services.CancellationToken);
        return TypedResults.NoContent();
    }
}
