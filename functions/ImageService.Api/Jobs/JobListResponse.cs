namespace ImageService.Api.Jobs;

/// <param name="Cursor">Opaque cursor of the next page (pass back as <c>cursor</c>); null on the last page.</param>
public sealed record JobListResponse(IReadOnlyList<JobResponse> Items, string? Cursor);
