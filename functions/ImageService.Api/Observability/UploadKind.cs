namespace ImageService.Api.Observability;

public enum UploadKind
{
    /// <summary>POST /images with the file in the form.</summary>
    Inline,
    /// <summary>Sent to a presigned URL, then POST /images/{id}/complete.</summary>
    Presigned,
}
