namespace ImageService.Contracts.Images;

/// <param name="Next">Opaque cursor for the next page (pass as <c>cursor</c> with the same filters); null on the last page.</param>
public sealed record ImageListResponse(IReadOnlyList<ImageResponse> Items, string? Next);
