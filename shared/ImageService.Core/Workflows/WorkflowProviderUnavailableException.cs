namespace ImageService.Core.Workflows;

/// <summary>The provider is not called for now (its circuit is open after repeated failures); try again after <see cref="RetryAfter"/>.</summary>
public sealed class WorkflowProviderUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
