namespace ImageService.Core.Jobs;

public enum CancelResult
{
    Canceled,
    AlreadyFinished,
    NotFound,
}
