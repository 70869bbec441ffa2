namespace ImageService.Storage.Local;

/// <summary>What a valid signed local upload URL allows: one upload of at most <see cref="MaxBytes"/> for one image.</summary>
public sealed record LocalUploadGrant(string OwnerId, string ImageId, long MaxBytes, DateTimeOffset ExpiresAt);
