using System.Security.Cryptography;
using ImageService.Core.Accounts;
using ImageService.Core.Images;
using ImageService.Core.Imaging;
using ImageService.Core.Storage;

namespace ImageService.Api.Images;

/// <summary>
/// Turns original bytes into a Ready image, for the inline upload and for /complete alike. Order gives failure safety:
/// the engine validates first (nothing is written for a rejected file), blobs are written next, and the metadata
/// record last, so a listed image always has its bytes; if any step fails, every blob written so far is deleted.
/// </summary>
public sealed partial class ImageIngest(
    IImageProcessor processor,
    RenderGate renderGate,
    IBlobStore blobs,
    IImageMetadataStore metadata,
    IAccountStore accounts,
    CdnPurges purges,
    TimeProvider time,
    ILogger<ImageIngest> logger)
{
    /// <summary>The original and both renditions are immutable for an image id.</summary>
    public const string ImmutableCacheControl = "private, max-age=31536000, immutable";

    public async Task<ImageRecord> CreateAsync(string ownerId, string imageId, byte[] original, ImageMetadataInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (info, written) = await StoreBlobsAsync(ownerId, imageId, original, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var record = input.ApplyTo(new ImageRecord
        {
            Id = imageId,
            OwnerId = ownerId,
            Format = info.Format,
            Width = info.Width,
            Height = info.Height,
            Bytes = original.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(original)),
            Status = ImageStatus.Ready,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        });
        try
        {
            await metadata.CreateAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DeleteQuietlyAsync(written).ConfigureAwait(false);
            throw;
        }
        LogStored(logger, imageId, ownerId, original.Length);
        return record;
    }

    /// <summary>Processes the bytes of a presigned upload into the pending record. A rejected file deletes the upload
    /// and the pending record (the client starts over); a storage failure keeps both, so /complete can be retried.</summary>
    public async Task<ImageRecord> CompleteAsync(ImageRecord pending, byte[] original, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ImageInfo info;
        List<string> written;
        try
        {
            (info, written) = await StoreBlobsAsync(pending.OwnerId, pending.Id, original, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageRejectedException)
        {
            await DiscardPendingAsync(pending).ConfigureAwait(false);
            throw;
        }
        var ready = pending with
        {
            Format = info.Format,
            Width = info.Width,
            Height = info.Height,
            Bytes = original.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(original)),
            Status = ImageStatus.Ready,
            UpdatedAt = time.GetUtcNow(),
            Version = pending.Version + 1,
        };
        try
        {
            await metadata.UpdateAsync(ready, pending.Version, cancellationToken).ConfigureAwait(false);
        }
        catch (PreconditionFailedException ex)
        {
            // A concurrent /complete of the same upload won. Its blobs have the same keys and the same content, so
            // deleting "ours" would delete the winner's; leave them.
            throw new ConflictException("This upload was completed by another request.", ex);
        }
        catch
        {
            await DeleteQuietlyAsync(written).ConfigureAwait(false);
            throw;
        }
        await DeleteQuietlyAsync([BlobKeys.Upload(pending.OwnerId, pending.Id)]).ConfigureAwait(false);
        LogStored(logger, pending.Id, pending.OwnerId, original.Length);
        return ready;
    }

    /// <summary>Removes a pending upload's bytes and record.</summary>
    public async Task DiscardPendingAsync(ImageRecord pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        await DeleteQuietlyAsync([BlobKeys.Upload(pending.OwnerId, pending.Id)]).ConfigureAwait(false);
        await metadata.DeleteAsync(pending.OwnerId, pending.Id, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Removes the record first (the image disappears at once), then every stored object, then the CDN's
    /// cached delivery responses for it (by id and by its path).</summary>
    public async Task<bool> DeleteAsync(ImageRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var removed = await metadata.DeleteAsync(record.OwnerId, record.Id, cancellationToken).ConfigureAwait(false);
        await blobs.DeleteAsync(BlobKeys.AllFixed(record.OwnerId, record.Id), CancellationToken.None).ConfigureAwait(false);
        await blobs.DeletePrefixAsync(BlobKeys.DerivedOf(record.OwnerId, record.Id), CancellationToken.None).ConfigureAwait(false);
        await InvalidateDeliveryAsync(record.OwnerId, record.Id, [record.Id, record.Path]).ConfigureAwait(false);
        return removed;
    }

    /// <summary>
    /// Purges the CDN's cached responses for the owner's delivery URLs that name an image by <paramref name="names"/>
    /// (its id, its path): <c>/{publicKey}/{name}*</c> (one wildcard covers every transform) and, when the account has
    /// custom domains, <c>/{name}*</c> (an invalidation path applies on every host of the distribution). Called after a
    /// delete and when a path moves to another image or away. An owner without an account has never had a public key,
    /// so nothing can be cached.
    /// </summary>
    public async Task InvalidateDeliveryAsync(string ownerId, string imageId, IEnumerable<string?> names)
    {
        try
        {
            var account = await accounts.GetAsync(ownerId, CancellationToken.None).ConfigureAwait(false);
            if (account is not null)
            {
                var paths = names.OfType<string>()
                    .SelectMany(name => account.CustomDomains.Count == 0
                        ? [$"/{account.PublicKey}/{name}*"]
                        : new[] { $"/{account.PublicKey}/{name}*", $"/{name}*" })
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                await purges.PurgeAsync(paths).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The image and its bytes are gone already. A failed CDN call is retried by CdnPurges until it succeeds;
            // what lands here is the account lookup failing, which leaves cached copies until their TTL (an operator
            // must purge by hand), so it is logged as an error rather than turning a completed delete into a 500.
            LogInvalidationFailed(logger, ex, imageId);
        }
    }

    public static string ContentTypeOf(string format) => format switch
    {
        "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "heif" => "image/heif",
        "tiff" => "image/tiff",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    private async Task<(ImageInfo Info, List<string> Written)> StoreBlobsAsync(string ownerId, string imageId, byte[] original, CancellationToken cancellationToken)
    {
        ProcessedUpload processed;
        using (await renderGate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            processed = processor.ProcessUpload(original);
        }
        var written = new List<string>(3);
        try
        {
            await PutAsync(BlobKeys.Original(ownerId, imageId), original, ContentTypeOf(processed.Original.Format)).ConfigureAwait(false);
            await PutAsync(BlobKeys.Display(ownerId, imageId), processed.Display.Bytes, processed.Display.ContentType).ConfigureAwait(false);
            await PutAsync(BlobKeys.Thumbnail(ownerId, imageId), processed.Thumbnail.Bytes, processed.Thumbnail.ContentType).ConfigureAwait(false);
        }
        catch
        {
            await DeleteQuietlyAsync(written).ConfigureAwait(false);
            throw;
        }
        return (processed.Original, written);

        async Task PutAsync(string key, byte[] bytes, string contentType)
        {
            // Recorded before the write: a write that fails half-way may still have left an object behind.
            written.Add(key);
            await blobs.PutAsync(key, bytes, new BlobWriteOptions(contentType, ImmutableCacheControl), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeleteQuietlyAsync(List<string> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }
        try
        {
            await blobs.DeleteAsync(keys, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StorageException or IOException)
        {
            // The original failure matters more to the caller; these objects are unreachable without a record.
            LogCleanupFailed(logger, ex, keys.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "CDN invalidation after deleting {ImageId} failed; cached delivery responses remain until purged")]
    private static partial void LogInvalidationFailed(ILogger logger, Exception exception, string imageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored image {ImageId} for {OwnerId} ({Bytes} bytes)")]
    private static partial void LogStored(ILogger logger, string imageId, string ownerId, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete {Count} blobs after a failed upload")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, int count);
}
