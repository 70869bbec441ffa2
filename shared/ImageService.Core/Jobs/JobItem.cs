namespace ImageService.Core.Jobs;

/// <summary>One unit of a job's work (render one variant of one image; run one workflow), delivered by one queue message.</summary>
public sealed record JobItem
{
    /// <summary>Unique within the job; short and stable ("0", "1", …) so a queue message names it cheaply.</summary>
    public required string ItemId { get; init; }
    public required string ImageId { get; init; }
    /// <summary>render-variants: the variant this item renders.</summary>
    public string? Variant { get; init; }
    public JobItemState State { get; init; } = JobItemState.Pending;
}
