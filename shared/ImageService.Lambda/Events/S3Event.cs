namespace ImageService.Lambda.Events;

/// <summary>S3 event notifications delivered straight to a function (only the members the app uses).</summary>
public sealed record S3Event(IReadOnlyList<S3EventRecord> Records);
