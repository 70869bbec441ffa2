using ImageService.Api.Images;
using ImageService.Core.Accounts;
using ImageService.Core.Images;
using ImageService.Core.Storage;
using ImageService.Core.Variants;

namespace ImageService.Api.Variants;

/// <summary>
/// Forgets what a changed or deleted variant left cached. The derived store: the variant's results of every image of
/// the owner (its keys are computed, one per output format, so nothing is listed). The CDN: <c>/{publicKey}/*</c>, one
/// wildcard path for every URL of the account (CloudFront keys the cache on the query, and a signed variant URL carries
/// sig and exp, so no exact path could name them all; a variant change is rare, a re-fetch of the account's other
/// cached URLs from the derived store is cheap); on custom domains, whose paths carry no account, each image's
/// <c>/{id or path}?variant={name}</c>. CDN failures are retried by <see cref="CdnPurges"/> until they succeed.
/// </summary>
public sealed partial class VariantPurges(IImageMetadataStore images, IBlobStore blobs, CdnPurges cdn, ILogger<VariantPurges> logger)
{
    private const int PageSize = 100;

    public async Task PurgeAsync(Account account, Variant variant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(variant);
        var paths = new List<string> { $"/{account.PublicKey}/*" };
        var removed = 0;
        string? after = null;
        do
        {
            var page = await images.ListAsync(new ImageQuery { OwnerId = account.Id, Limit = PageSize, After = after }, cancellationToken).ConfigureAwait(false);
            var keys = page.Items.SelectMany(image => variant.DerivedKeys(image.Id)).ToList();
            try
            {
                await blobs.DeleteAsync(keys, cancellationToken).ConfigureAwait(false);
                removed += page.Items.Count;
            }
            catch (StorageUnavailableException ex)
            {
                // Left-over results are garbage, never wrong: they sit under the old transform's canonical key, which the
                // changed variant no longer names. The CDN purge below matters more, so it still runs.
                LogDeleteFailed(logger, ex, variant.Name, account.Id);
            }
            if (account.CustomDomains.Count > 0)
            {
                paths.AddRange(page.Items
                    .SelectMany(image => new[] { image.Id, image.Path })
                    .OfType<string>()
                    .Select(name => $"/{name}?{VariantNames.Parameter}={variant.Name}"));
            }
            after = page.Next;
        }
        while (after is not null);
        LogPurged(logger, variant.Name, account.Id, removed);
        await cdn.PurgeAsync(paths).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove stored results of variant {Variant} of {AccountId}; they stay as unused objects")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string variant, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged the cached results of variant {Variant} of {AccountId} ({Images} images)")]
    private static partial void LogPurged(ILogger logger, string variant, string accountId, int images);
}
