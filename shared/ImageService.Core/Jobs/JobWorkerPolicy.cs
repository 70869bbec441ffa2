namespace ImageService.Core.Jobs;

/// <summary>Whether this backend's queue is consumed by a worker inside the serving process (the embedded backend),
/// or elsewhere (AWS: the worker function fed by the queue's SQS event source). Registered by each backend.</summary>
public sealed record JobWorkerPolicy(bool InProcess);
