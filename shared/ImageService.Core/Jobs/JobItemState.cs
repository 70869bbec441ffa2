namespace ImageService.Core.Jobs;

public enum JobItemState
{
    Pending,
    Done,
    Failed,
}
