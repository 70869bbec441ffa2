namespace ImageService.Dashboard.Services;

public enum UploadState
{
    Waiting,
    Sending,
    Processing,
    Done,
    Failed,
}
