namespace ImageService.Api.Workflows;

/// <summary><c>Workflows:Provider</c>: where the provider is, how long to wait for it, and when to stop calling it.</summary>
public sealed record WorkflowProviderOptions
{
    /// <summary>The provider API's base URL (its runs are at <c>{BaseUrl}/runs</c>); null = no provider.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c>. On AWS leave it empty and set <see cref="ApiKeySecretArn"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A Secrets Manager secret whose string is the API key, read on first use and again after
    /// <see cref="ApiKeyCacheDuration"/> (key rotation).</summary>
    public string? ApiKeySecretArn { get; set; }

    /// <summary>How long a key read from <see cref="ApiKeySecretArn"/> is used before it is read again.</summary>
    public TimeSpan ApiKeyCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>One HTTP attempt's time limit.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a failed or timed-out call (exponential backoff with jitter) before it counts as one failure.</summary>
    public int Retries { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a submitted run's status is asked for, and how long a run may take before the item is retried.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRunTime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The circuit opens when at least <see cref="MinimumThroughput"/> calls in <see cref="SamplingDuration"/>
    /// were made and this share of them failed; it stays open for <see cref="BreakDuration"/>, then lets one call try.</summary>
    public double FailureRatio { get; set; } = 0.5;

    public int MinimumThroughput { get; set; } = 4;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
