namespace ImageService.Storage.Local.Jobs;

/// <summary>What <see cref="SqliteJobQueue.Measure"/> read: messages waiting or in flight and the age of the oldest
/// visible one (zero when none is visible), and the dead letters with the age of the oldest (since it was moved there).</summary>
public sealed record SqliteQueueState(long Depth, TimeSpan OldestVisibleAge, long DeadLetters, TimeSpan OldestDeadLetterAge);
