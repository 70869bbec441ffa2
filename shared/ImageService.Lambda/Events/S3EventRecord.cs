namespace ImageService.Lambda.Events;

/// <summary>One notification, e.g. <c>EventName</c> <c>ObjectCreated:Put</c>.</summary>
public sealed record S3EventRecord(string EventName, S3Entity S3);
