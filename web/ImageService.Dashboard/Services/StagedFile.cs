namespace ImageService.Dashboard.Services;

/// <summary>One file of a <see cref="StagedBatch"/>: what the page shows before its bytes are sent.</summary>
public sealed record StagedFile(string Name, long Size);
