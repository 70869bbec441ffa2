using Microsoft.Extensions.Options;

namespace ImageService.Api.Workflows;

/// <summary>Checks <c>Workflows</c> at start; each failure names its key.</summary>
internal sealed class WorkflowsOptionsValidator : IValidateOptions<WorkflowsOptions>
{
    private static readonly string[] Types = ["string", "number", "integer", "boolean"];

    public ValidateOptionsResult Validate(string? name, WorkflowsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var provider = options.Provider;
        if (provider.BaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
        {
            failures.Add("Workflows:Provider:BaseUrl must be an absolute http(s) URL.");
        }
        if (provider.Timeout <= TimeSpan.Zero || provider.PollInterval <= TimeSpan.Zero || provider.MaxRunTime <= TimeSpan.Zero
            || provider.SamplingDuration <= TimeSpan.Zero || provider.BreakDuration <= TimeSpan.Zero || provider.RetryDelay < TimeSpan.Zero)
        {
            failures.Add("Workflows:Provider Timeout, RetryDelay, PollInterval, MaxRunTime, SamplingDuration and BreakDuration must be positive durations.");
        }
        if (provider.ApiKeyCacheDuration < TimeSpan.Zero)
        {
            failures.Add("Workflows:Provider:ApiKeyCacheDuration must not be negative (0 reads the secret on every call).");
        }
        if (provider.Retries is < 0 or > 10)
        {
            failures.Add("Workflows:Provider:Retries must be between 0 and 10.");
        }
        if (provider.FailureRatio is <= 0 or > 1)
        {
            failures.Add("Workflows:Provider:FailureRatio must be above 0 and at most 1.");
        }
        if (provider.MinimumThroughput < 2)
        {
            failures.Add("Workflows:Provider:MinimumThroughput must be at least 2 (Polly's minimum).");
        }
        if (provider.SamplingDuration < TimeSpan.FromMilliseconds(500) || provider.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add("Workflows:Provider:SamplingDuration and BreakDuration must be at least 0.5 seconds (Polly's minimum).");
        }
        foreach (var (workflow, definition) in options.Definitions)
        {
            foreach (var (parameter, schema) in definition.Parameters)
            {
                if (!Types.Contains(schema.Type, StringComparer.Ordinal))
                {
                    failures.Add($"Workflows:Definitions:{workflow}:Parameters:{parameter}:Type must be one of {string.Join(", ", Types)}.");
                }
            }
        }
        if (options.Definitions.Count > 0 && provider.BaseUrl is null)
        {
            failures.Add("Workflows:Definitions are set but Workflows:Provider:BaseUrl is not.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
