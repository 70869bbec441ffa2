namespace ImageService.Core.Imaging;

/// <summary>The process is rendering as much as it may (<see cref="RenderGate"/>) and the render could not wait its
/// turn: the queue is full or the wait ran out. Transient: the same request succeeds when the load falls. API: 503
/// with Retry-After.</summary>
public sealed class RenderCapacityExceededException(string message) : Exception(message);
