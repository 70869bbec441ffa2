namespace ImageService.Lambda.Events;

/// <summary>The bucket and object a notification is about.</summary>
#pragma warning disable CA1720 // "object" is the member's name in S3's event JSON.
public sealed record S3Entity(S3BucketEntity Bucket, S3ObjectEntity Object);
#pragma warning restore CA1720
