namespace ImageService.Core.Images;

public enum ImageStatus
{
    /// <summary>A presigned upload was issued; the bytes are not processed yet. Never listed.</summary>
    Pending,
    /// <summary>Original and renditions are stored; visible to list and get.</summary>
    Ready,
}
