namespace ImageService.Core.Storage;

/// <summary>
/// Tells the CDN in front of delivery to forget cached responses (CloudFront in AWS; the embedded backend has
/// no CDN and only logs). Called after a delete and whenever the bytes behind a delivery path change.
/// </summary>
public interface ICdnInvalidator
{
    /// <summary>Invalidates the given delivery paths (each starts with '/', may end with '*').</summary>
    Task InvalidateAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default);
}
