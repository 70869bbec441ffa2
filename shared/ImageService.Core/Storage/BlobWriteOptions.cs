namespace ImageService.Core.Storage;

public sealed record BlobWriteOptions(string ContentType, string? CacheControl = null);
