namespace ImageService.Dashboard.Services;

/// <summary>The files the upload input held when the user chose them, kept on the browser's side under
/// <see cref="Id"/> until released.</summary>
public sealed record StagedBatch(int Id, IReadOnlyList<StagedFile> Files);
