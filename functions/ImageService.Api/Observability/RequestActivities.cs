using System.Diagnostics;

namespace ImageService.Api.Observability;

/// <summary>
/// Makes ASP.NET Core start an Activity for every request whatever the logging configuration (it otherwise does so only
/// while something listens: a logger at Critical for its category, or a diagnostic listener), because the trace id is
/// the correlation id of problem answers, the <c>traceId</c> of log lines and the <c>traceparent</c> of outgoing calls.
/// Propagation data only: nothing is recorded. Lives as long as the app (disposed with its container).
/// </summary>
public sealed class RequestActivities : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
        Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
    };

    public RequestActivities() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();
}
