using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ImageService.Core.Workflows;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ImageService.Api.Workflows;

/// <summary>
/// A queue-style provider over HTTP: <c>POST {BaseUrl}/runs</c> with <see cref="ProviderSubmitRequest"/> answers a
/// <see cref="ProviderRun"/>; <c>GET {BaseUrl}/runs/{id}</c> its status (queued, running, succeeded, failed);
/// <c>GET {BaseUrl}/runs/{id}/result</c> the output image. Every call runs through one Polly pipeline shared by the
/// process: a circuit breaker (outermost, so one call's retries count as one failure), retries with exponential backoff
/// and jitter, and a per-attempt timeout. 5xx, 429, timeouts and network errors are failures; a 4xx is the request's
/// fault and throws <see cref="WorkflowRejectedException"/> without touching the breaker. While the circuit is open,
/// calls throw <see cref="WorkflowProviderUnavailableException"/> at once.
/// </summary>
public sealed class HttpWorkflowProvider : IWorkflowProvider
{
    public const string HttpClientName = "workflow-provider";

    private readonly IHttpClientFactory _clients;
    private readonly WorkflowProviderOptions _options;
    private readonly WorkflowApiKey _apiKey;
    private readonly ResiliencePipeline _pipeline;

    public HttpWorkflowProvider(IHttpClientFactory clients, IOptions<WorkflowsOptions> options, WorkflowApiKey apiKey, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_clients, _options, _apiKey) = (clients, options.Value.Provider, apiKey);
        _pipeline = BuildPipeline(_options, time);
    }

    public async Task<string> SubmitAsync(WorkflowSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        using var parameters = JsonDocument.Parse(submission.ParametersJson);
        var body = new ProviderSubmitRequest(submission.Workflow, parameters.RootElement, new ProviderInput(submission.ContentType, submission.Image));
        var run = await CallAsync(() => new HttpRequestMessage(HttpMethod.Post, "runs")
        {
            Content = JsonContent.Create(body, ProviderJsonContext.Default.ProviderSubmitRequest),
        }, ReadRunAsync, cancellationToken).ConfigureAwait(false);
        return run.Id;
    }

    public async Task<WorkflowRunStatus> GetStatusAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await CallAsync(() => new HttpRequestMessage(HttpMethod.Get, $"runs/{Uri.EscapeDataString(runId)}"), ReadRunAsync, cancellationToken)
            .ConfigureAwait(false);
        var state = run.Status switch
        {
            "queued" => WorkflowRunState.Queued,
            "running" => WorkflowRunState.Running,
            "succeeded" => WorkflowRunState.Succeeded,
            "failed" => WorkflowRunState.Failed,
            _ => throw new HttpRequestException($"The provider reported an unknown run status '{run.Status}'."),
        };
        return new WorkflowRunStatus(state, run.Error);
    }

    public Task<byte[]> GetResultAsync(string runId, CancellationToken cancellationToken = default) =>
        CallAsync(() => new HttpRequestMessage(HttpMethod.Get, $"runs/{Uri.EscapeDataString(runId)}/result"),
            (response, ct) => response.Content.ReadAsByteArrayAsync(ct), cancellationToken);

    private async Task<T> CallAsync<T>(Func<HttpRequestMessage> request, Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        var key = await _apiKey.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _pipeline.ExecuteAsync(async ct =>
            {
                using var message = request();
                if (key is not null)
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }
                var client = _clients.CreateClient(HttpClientName);
                client.BaseAddress = BaseAddress(_options.BaseUrl!);
                using var response = await client.SendAsync(message, ct).ConfigureAwait(false);
                if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    throw new HttpRequestException($"The provider answered {(int)response.StatusCode}.", null, response.StatusCode);
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw new WorkflowRejectedException($"The provider refused the request ({(int)response.StatusCode}).");
                }
                return await read(response, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new WorkflowProviderUnavailableException("The workflow provider is failing; its circuit breaker is open.",
                ex.RetryAfter ?? _options.BreakDuration, ex);
        }
    }

    private static async Task<ProviderRun> ReadRunAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync(ProviderJsonContext.Default.ProviderRun, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException("The provider answered an empty run.");

    // A base path without a trailing slash would lose its last segment when relative run URLs are resolved.
    private static Uri BaseAddress(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    private static ResiliencePipeline BuildPipeline(WorkflowProviderOptions options, TimeProvider time)
    {
        var failures = new PredicateBuilder()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .Handle<JsonException>();
        var builder = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = failures,
            });
        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.Retries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = failures,
            });
        }
        return builder.AddTimeout(options.Timeout).Build();
    }
}
