using ImageService.Api.Observability;
using ImageService.Api.Problems;
using ImageService.Core.Images;
using ImageService.Core.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImageService.Api.Images;

/// <summary>The two ways bytes arrive: inline multipart, and presigned upload + /complete (the presigned URL is the
/// backend's: S3, or the embedded backend's own endpoint).</summary>
internal static class UploadHandlers
{
    /// <summary>Room for the multipart envelope and the text fields around the file.</summary>
    private const long FormOverhead = 64 * 1024;

    public static async Task<Results<Created<ImageResponse>, ProblemHttpResult>> UploadImage([AsParameters] UploadServices services)
    {
        var (request, limits, cancellationToken) = (services.Request, services.Limits, services.CancellationToken);
        if (request.ContentLength is { } declared && TooLarge(declared - FormOverhead, limits) is { } early)
        {
            return early; // refused before reading a byte
        }
        if (!request.HasFormContentType)
        {
            return ApiProblems.Validation("file", "Send multipart/form-data with the image in a field named 'file'.");
        }
        var bodyLimit = Math.Max(limits.MaxBytes, limits.InlineMaxBytes) + FormOverhead;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = bodyLimit;
        }
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            MultipartBodyLengthLimit = bodyLimit,
            // Inline files stay in memory (they are read into memory next anyway) instead of a temp-file round trip.
            MemoryBufferThreshold = (int)Math.Min(limits.InlineMaxBytes + FormOverhead, int.MaxValue),
        }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.Problem(ProblemTypes.TooLarge, $"The file exceeds the {limits.MaxBytes} byte limit.");
        }
        catch (InvalidDataException)
        {
            return ApiProblems.Validation("file", "The multipart body is malformed.");
        }
        catch (IOException ex) when (ex is not BadHttpRequestException)
        {
            // The body ended inside a part (found by fuzzing: a truncated upload was a 500). Kestrel's own refusals
            // (size, rate, timeouts) are BadHttpRequestExceptions and keep their status.
            return ApiProblems.Validation("file", "The multipart body ends before its closing boundary.");
        }
        var file = form.Files.GetFile("file");
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var input = ImageMetadataInput.Normalise(form["title"], form["description"], form["albumId"],
            ImageMetadataInput.SplitTags(form["tags"]), form["path"], errors);
        if (file is null || file.Length == 0)
        {
            errors["file"] = [file is null ? "A file field named 'file' is required." : "The file is empty."];
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }
        if (TooLarge(file!.Length, limits) is { } tooLarge)
        {
            return tooLarge;
        }
        // Before any image work; the store's own check settles a race between two uploads.
        if (input.Path is not null && await services.Store.FindByPathAsync(services.User.Id, input.Path, cancellationToken) is { } holder)
        {
            return PathTaken(input.Path, holder);
        }
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }
        var record = await services.Ingest.CreateAsync(services.User.Id, services.Ids.NewId(), bytes, input, cancellationToken);
        services.Metrics.UploadAccepted(UploadKind.Inline, bytes.Length);
        await services.Eager.StartAsync(record, cancellationToken);
        request.HttpContext.Response.Headers.ETag = HttpCaching.ForVersion(record.Version);
        var response = ImageResponse.From(record, request.PathBase);
        return TypedResults.Created(response.Links.Self, response);
    }

    public static async Task<Results<Created<PresignedUploadResponse>, ProblemHttpResult>> CreateUpload(
        CreateUploadRequest? body, [AsParameters] UploadServices services)
    {
        var (request, user, store, cancellationToken) = (services.Request, services.User, services.Store, services.CancellationToken);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var input = ImageMetadataInput.Normalise(body?.Title, body?.Description, body?.AlbumId, body?.Tags, body?.Path, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }
        if (input.Path is not null && await store.FindByPathAsync(user.Id, input.Path, cancellationToken) is { } holder)
        {
            return PathTaken(input.Path, holder);
        }
        var limits = services.Limits;
        var id = services.Ids.NewId();
        var now = services.Time.GetUtcNow();
        // Pending records hold the metadata until /complete; stores never list them.
        await store.CreateAsync(input.ApplyTo(new ImageRecord
        {
            Id = id,
            OwnerId = user.Id,
            Format = "",
            Width = 0,
            Height = 0,
            Bytes = 0,
            Sha256 = "",
            Status = ImageStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        }), cancellationToken);
        var upload = await services.Presigner.CreateAsync(user.Id, id, limits.MaxBytes, limits.PresignedLifetime, cancellationToken);
        // A relative URL (the embedded backend's) is served by this API; "/x" parses as an absolute file URI on Unix.
        var url = Uri.TryCreate(upload.Url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? upload.Url
            : $"{request.Scheme}://{request.Host}{request.PathBase}{upload.Url}";
        var self = $"{request.PathBase}/images/{id}";
        return TypedResults.Created(self, new PresignedUploadResponse(id, url, upload.Method, upload.Fields, upload.Headers,
            upload.ExpiresAt, upload.MaxBytes, $"{self}/complete"));
    }

    public static async Task<Results<Ok<ImageResponse>, ProblemHttpResult>> CompleteUpload(string id, [AsParameters] UploadServices services)
    {
        var (user, ingest, limits, cancellationToken) = (services.User, services.Ingest, services.Limits, services.CancellationToken);
        var record = await ImageLookup.FindAsync(services.Store, user.Id, id, cancellationToken);
        if (record is null)
        {
            return ApiProblems.NotFound();
        }
        if (record.Status != ImageStatus.Pending)
        {
            return ApiProblems.Problem(ProblemTypes.Conflict, "This upload is already complete.");
        }
        byte[] bytes;
        var blob = await services.Blobs.GetAsync(BlobKeys.Upload(user.Id, id), cancellationToken);
        if (blob is null)
        {
            return ApiProblems.Problem(ProblemTypes.UploadMissing, "No file has been uploaded for this image yet; send it to the upload URL first.");
        }
        await using (blob)
        {
            if (blob.Length > limits.MaxBytes)
            {
                await ingest.DiscardPendingAsync(record);
                return ApiProblems.Problem(ProblemTypes.TooLarge, $"The file exceeds the {limits.MaxBytes} byte limit; the upload was discarded.");
            }
            if (blob.Length == 0)
            {
                await ingest.DiscardPendingAsync(record);
                return ApiProblems.Validation("file", "The uploaded file is empty; the upload was discarded.");
            }
            bytes = new byte[blob.Length];
            await blob.Content.ReadExactlyAsync(bytes, cancellationToken);
        }
        var ready = await ingest.CompleteAsync(record, bytes, cancellationToken);
        services.Metrics.UploadAccepted(UploadKind.Presigned, bytes.Length);
        await services.Eager.StartAsync(ready, cancellationToken);
        services.Request.HttpContext.Response.Headers.ETag = HttpCaching.ForVersion(ready.Version);
        return TypedResults.Ok(ImageResponse.From(ready, services.Request.PathBase));
    }

    // Names the holder: it may be an upload that was started (POST /images/uploads) and never completed, which only a
    // DELETE of that id frees.
    private static ProblemHttpResult PathTaken(string path, ImageRecord holder) =>
        ApiProblems.Problem(ProblemTypes.Conflict, holder.Status == ImageStatus.Ready
            ? $"Your image {holder.Id} already has the path {path}; choose another or change that image's path first."
            : $"Your unfinished upload {holder.Id} holds the path {path}; complete it, or DELETE /images/{holder.Id} to free the path.");

    private static ProblemHttpResult? TooLarge(long bytes, UploadOptions limits)
    {
        if (bytes > limits.MaxBytes)
        {
            return ApiProblems.Problem(ProblemTypes.TooLarge, $"The file exceeds the {limits.MaxBytes} byte limit.");
        }
        if (bytes > limits.InlineMaxBytes)
        {
            return ApiProblems.Problem(ProblemTypes.UsePresignedUpload,
                $"Files above {limits.InlineMaxBytes} bytes cannot be sent inline. Use the presigned flow: POST /images/uploads, " +
                "send the file to the returned url, then POST /images/{id}/complete.");
        }
        return null;
    }
}
