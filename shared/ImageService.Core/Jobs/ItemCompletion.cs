namespace ImageService.Core.Jobs;

/// <summary>What <see cref="IJobStore.CompleteItemAsync"/> did. <see cref="Counted"/> is false for a duplicate (the item
/// had finished already: nothing changed); <see cref="Finished"/> is true for the one call that settled the job.</summary>
public sealed record ItemCompletion(bool Counted, bool Finished, Job? Job);
