namespace ImageService.Dashboard.Services;

/// <summary>What upload.js reports for one request: the status (0 when the network failed) and the body text.</summary>
public sealed record UploadAnswer(int Status, string Body);
