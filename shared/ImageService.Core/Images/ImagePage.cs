namespace ImageService.Core.Images;

/// <summary>A page of Ready images, newest first; <see cref="Next"/> is null on the last page.</summary>
public sealed record ImagePage(IReadOnlyList<ImageRecord> Items, string? Next);
