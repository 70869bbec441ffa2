namespace ImageService.Lambda.Events;

/// <summary>The bucket of a notification.</summary>
public sealed record S3BucketEntity(string Name);
