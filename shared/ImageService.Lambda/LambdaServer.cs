using System.Net;
using ImageService.Lambda.Events;
using ImageService.Lambda.HttpApi;
using ImageService.Lambda.Runtime;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageService.Lambda;

/// <summary>
/// An ASP.NET Core server whose "connection" is the Lambda Runtime API: it polls for API Gateway HTTP API
/// (payload 2.0) events, and SQS, S3 and scheduled events (<see cref="LambdaEventEndpoints"/>), runs each through the
/// app's pipeline, and posts the response back, one at a time.
/// </summary>
public sealed class LambdaServer : IServer
{
    private const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    private static readonly Func<ILogger, string, IDisposable?> InvocationScope =
        LoggerMessage.DefineScope<string>("AwsRequestId:{AwsRequestId}");

    private readonly LambdaRuntimeClient _runtime;
    private readonly LambdaInitErrorReporter? _initErrors;
    private readonly ILogger<LambdaServer> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly LambdaHostingOptions _options;
    private readonly string _runtimeApi;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _aborting = new();
    private volatile Task? _loop;

    internal LambdaServer(
        string runtimeApi,
        LambdaInitErrorReporter? initErrors,
        ILogger<LambdaServer> logger,
        IHostApplicationLifetime lifetime,
        LambdaHostingOptions options)
    {
        _runtimeApi = runtimeApi;
        _runtime = new LambdaRuntimeClient(runtimeApi);
        _initErrors = initErrors;
        _logger = logger;
        _lifetime = lifetime;
        _options = options;
    }

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        ArgumentNullException.ThrowIfNull(application);
        // Asking for an event ends Lambda's init phase, so wait until every hosted service has started too.
        _lifetime.ApplicationStarted.Register(() =>
        {
            if (!_stopping.IsCancellationRequested)
            {
                _loop = Task.Run(() => PollAsync(application));
            }
        });
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop asking for events at once; let the invocation in flight finish unless the host runs out of time.
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is null)
        {
            return;
        }

        using (cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _aborting))
        {
            await _loop.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _aborting.Cancel();
        _runtime.Dispose();
        _stopping.Dispose();
        _aborting.Dispose();
    }

    private async Task PollAsync<TContext>(IHttpApplication<TContext> application)
        where TContext : notnull
    {
        _initErrors?.InitCompleted();
        Log.Polling(_logger, _runtimeApi);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var invocation = await _runtime.GetNextInvocationAsync(_stopping.Token).ConfigureAwait(false);
                await HandleAsync(application, invocation).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Nothing may end the loop silently: that would leave a process that never polls again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // Serving the Runtime API is the process's only job; when it fails, exit so Lambda starts a fresh sandbox.
                Log.RuntimeApiFailed(_logger, ex);
                _lifetime.StopApplication();
                break;
            }
        }
    }

    private async Task HandleAsync<TContext>(IHttpApplication<TContext> application, LambdaInvocation invocation)
        where TContext : notnull
    {
        // Lambda expects custom runtimes to publish the trace header here for X-Ray SDKs, per invocation.
        Environment.SetEnvironmentVariable(TraceIdVariable, invocation.TraceId);
        using var scope = InvocationScope(_logger, invocation.AwsRequestId);

        if (!HttpApiV2Marshaller.TryParse(invocation.Payload, out var request, out var body, out var problem))
        {
            if (LambdaEventClassifier.Classify(invocation.Payload) is { } source)
            {
                await HandleEventAsync(application, invocation, source).ConfigureAwait(false);
                return;
            }

            Log.InvalidEvent(_logger, problem);
            await _runtime.PostErrorAsync(
                invocation.AwsRequestId, new LambdaError("Runtime.InvalidEvent", problem), _aborting.Token).ConfigureAwait(false);
            return;
        }

        var requestAborted = CancellationTokenSource.CreateLinkedTokenSource(_aborting.Token);
        if (invocation.Deadline is { } deadline)
        {
            var remaining = deadline - DateTimeOffset.UtcNow;
            requestAborted.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        }

        using var features = HttpApiV2Marshaller.CreateFeatures(request, body, invocation, requestAborted);
        var context = application.CreateContext(features);
        Exception? failure = null;
        try
        {
            try
            {
                await application.ProcessRequestAsync(context).ConfigureAwait(false);
                await features.Response.CompleteAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Any exception from the app becomes a 500, as with Kestrel.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ex;
                Log.UnhandledException(_logger, ex);
                var correlationId = features.Get<IHttpRequestIdentifierFeature>()?.TraceIdentifier ?? invocation.AwsRequestId;
                features.Response.ReplaceWith(500, "application/problem+json", HttpApiV2Marshaller.CreateProblemBody(_options, correlationId));
            }

            // As Kestrel does: a HEAD response carries the GET's headers (and length) but no body.
            var head = HttpMethods.IsHead(features.Get<IHttpRequestFeature>()?.Method ?? "");
            var payload = await HttpApiV2Marshaller.CreateResponseAsync(features.Response, omitBody: head).ConfigureAwait(false);
            await PostResponseAsync(invocation.AwsRequestId, payload).ConfigureAwait(false);
        }
        finally
        {
            // The sandbox freezes once the next poll is sent, so completion work runs now, after the client has its answer.
            foreach (var error in await features.Response.FireOnCompletedAsync().ConfigureAwait(false))
            {
                Log.OnCompletedFailed(_logger, error);
            }

            application.DisposeContext(context, failure);
        }
    }

    /// <summary>An SQS, S3 or scheduled event: run as <c>POST /_lambda/{source}</c>; a 2xx body is the result, any other
    /// answer (or an exception) an invocation error, so Lambda retries the event as its source defines.</summary>
    private async Task HandleEventAsync<TContext>(IHttpApplication<TContext> application, LambdaInvocation invocation, LambdaEventSource source)
        where TContext : notnull
    {
        var requestAborted = CancellationTokenSource.CreateLinkedTokenSource(_aborting.Token);
        if (invocation.Deadline is { } deadline)
        {
            var remaining = deadline - DateTimeOffset.UtcNow;
            requestAborted.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        }

        using var features = LambdaEventMarshaller.CreateFeatures(source, invocation, requestAborted);
        var context = application.CreateContext(features);
        Exception? failure = null;
        try
        {
            try
            {
                await application.ProcessRequestAsync(context).ConfigureAwait(false);
                await features.Response.CompleteAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Any exception from the app becomes an invocation error; the loop goes on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ex;
                Log.UnhandledEventException(_logger, source, ex);
            }

            if (failure is not null)
            {
                await _runtime.PostErrorAsync(
                    invocation.AwsRequestId, LambdaError.FromException("Function.EventFailed", failure), _aborting.Token).ConfigureAwait(false);
            }
            else if (await LambdaEventMarshaller.CreateResultAsync(features.Response).ConfigureAwait(false) is { } result)
            {
                await PostResponseAsync(invocation.AwsRequestId, result).ConfigureAwait(false);
            }
            else
            {
                var error = await LambdaEventMarshaller.CreateErrorAsync(source, features.Response).ConfigureAwait(false);
                Log.EventFailed(_logger, source, features.Response.StatusCode);
                await _runtime.PostErrorAsync(invocation.AwsRequestId, error, _aborting.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var error in await features.Response.FireOnCompletedAsync().ConfigureAwait(false))
            {
                Log.OnCompletedFailed(_logger, error);
            }

            application.DisposeContext(context, failure);
        }
    }

    private async Task PostResponseAsync(string awsRequestId, byte[] payload)
    {
        try
        {
            await _runtime.PostResponseAsync(awsRequestId, payload, _aborting.Token).ConfigureAwait(false);
        }
        catch (LambdaRuntimeException ex) when (ex.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            Log.ResponseTooLarge(_logger, payload.Length);
            var error = new LambdaError(
                "Function.ResponseSizeTooLarge",
                $"The response is {payload.Length} bytes, above Lambda's 6 MB limit for synchronous invocations.");
            await _runtime.PostErrorAsync(awsRequestId, error, _aborting.Token).ConfigureAwait(false);
        }
    }
}
