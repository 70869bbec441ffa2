using ImageService.Core.Workflows;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Workflows;

/// <summary>The provider's API key: <c>Workflows:Provider:ApiKey</c>, or else the secret named by
/// <c>Workflows:Provider:ApiKeySecretArn</c> (Secrets Manager), read on first use and kept once read.</summary>
public sealed class WorkflowApiKey(IOptions<WorkflowsOptions> options, IServiceProvider services)
{
    private string? _fromSecret;

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
        // A failed read is not kept: the next call tries again (the queue retries the item meanwhile).
        return _fromSecret ??= await (services.GetService<ISecretReader>()
            ?? throw new InvalidOperationException("Workflows:Provider:ApiKeySecretArn needs the AWS backend; set Workflows:Provider:ApiKey instead."))
            .ReadAsync(arn, cancellationToken).ConfigureAwait(false);
    }
}
