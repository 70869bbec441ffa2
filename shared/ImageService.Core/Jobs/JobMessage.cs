namespace ImageService.Core.Jobs;

/// <summary>
/// The body of one queue message: run one item of a job (<see cref="ItemId"/> set), or deliver the finished job's
/// callback (<see cref="ItemId"/> null). Small on purpose: the work itself is read from the job store, so a message
/// delivered twice, late or after a cancel is checked against the stored state.
/// </summary>
public sealed record JobMessage(string OwnerId, string JobId, string? ItemId)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsCallback => ItemId is null;

    public static JobMessage Item(string ownerId, string jobId, string itemId) => new(ownerId, jobId, itemId);

    public static JobMessage Callback(string ownerId, string jobId) => new(ownerId, jobId, null);
}
