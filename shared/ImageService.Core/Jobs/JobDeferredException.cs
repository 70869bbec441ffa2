namespace ImageService.Core.Jobs;

/// <summary>The item cannot run now (its provider's circuit is open): the job goes back to queued with
/// <see cref="Exception.Message"/> as its reason, and the message is delivered again after <see cref="RetryAfter"/>
/// without using up an attempt.</summary>
public sealed class JobDeferredException(string reason, TimeSpan retryAfter, Exception? inner = null) : Exception(reason, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
