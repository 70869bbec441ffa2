namespace ImageService.Dashboard.Services;

/// <summary>What one upload request got back: the status (0 when the network failed) and the body text.</summary>
public sealed record UploadAnswer(int Status, string Body);
