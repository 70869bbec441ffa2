using ImageService.Core.Workflows;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Workflows;

/// <summary>
/// The provider's API key: <c>Workflows:Provider:ApiKey</c>, or else the secret named by
/// <c>Workflows:Provider:ApiKeySecretArn</c> (Secrets Manager). A secret read is kept for
/// <see cref="WorkflowProviderOptions.ApiKeyCacheDuration"/>, so a rotated key is picked up within that time without
/// a call per request; when a re-read fails (Secrets Manager unavailable) the key in hand is kept and tried again on
/// the next call. A first read that fails is not kept: it throws (a missing secret names itself), the item fails its
/// attempt and the queue retries it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The SemaphoreSlim holds no unmanaged resource unless AvailableWaitHandle is used, which it is not; the key lives as long as the process.")]
public sealed partial class WorkflowApiKey(IOptions<WorkflowsOptions> options, IServiceProvider services, TimeProvider time, ILogger<WorkflowApiKey> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Value, DateTimeOffset ReadAt)? _fromSecret;

    public async Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        var provider = options.Value.Provider;
        if (!string.IsNullOrEmpty(provider.ApiKey))
        {
            return provider.ApiKey;
        }
        if (provider.ApiKeySecretArn is not { Length: > 0 } arn)
        {
            return null;
        }
        if (Fresh(provider) is { } cached)
        {
            return cached;
        }
        // One reader at a time: concurrent items after an expiry make one call, not one each.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(provider) is { } readMeanwhile)
            {
                return readMeanwhile;
            }
            var reader = services.GetService<ISecretReader>()
                ?? throw new InvalidOperationException("Workflows:Provider:ApiKeySecretArn needs the AWS backend; set Workflows:Provider:ApiKey instead.");
            try
            {
                var value = await reader.ReadAsync(arn, cancellationToken).ConfigureAwait(false);
                _fromSecret = (value, time.GetUtcNow());
                return value;
            }
            catch (Exception ex) when (_fromSecret is { } stale && ex is not OperationCanceledException)
            {
                LogKeptStale(logger, ex, arn);
                return stale.Value;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private string? Fresh(WorkflowProviderOptions provider) =>
        _fromSecret is { } cached && time.GetUtcNow() - cached.ReadAt < provider.ApiKeyCacheDuration ? cached.Value : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-read the provider API key secret {SecretArn}; using the key read before")]
    private static partial void LogKeptStale(ILogger logger, Exception exception, string secretArn);
}
