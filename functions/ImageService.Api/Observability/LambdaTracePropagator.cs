using System.Diagnostics;

namespace ImageService.Api.Observability;

/// <summary>
/// Incoming trace context in Lambda: a W3C <c>traceparent</c> the caller sent wins; otherwise the X-Ray trace of the
/// invocation (the event's <c>X-Amzn-Trace-Id</c> header, else <c>_X_AMZN_TRACE_ID</c>, which the Lambda host sets per
/// invocation) becomes the parent, so the request's trace id (logs, correlation ids) is the X-Ray trace id. ASP.NET Core
/// takes the propagator from DI; outgoing calls are not affected (HttpClient injects <c>traceparent</c> from the
/// Activity, and the AWS SDK adds <c>X-Amzn-Trace-Id</c> from <c>_X_AMZN_TRACE_ID</c> itself).
/// </summary>
public sealed class LambdaTracePropagator(Func<string?> invocationTraceHeader) : DistributedContextPropagator
{
    public const string XRayHeader = "X-Amzn-Trace-Id";

    private readonly DistributedContextPropagator _w3c = CreateDefaultPropagator();

    public override IReadOnlyCollection<string> Fields => _w3c.Fields;

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) =>
        _w3c.Inject(activity, carrier, setter);

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        _w3c.ExtractTraceIdAndState(carrier, getter, out traceId, out traceState);
        if (traceId is not null)
        {
            return;
        }
        string? header = null;
        if (getter is not null)
        {
            getter(carrier, XRayHeader, out header, out var values);
            header ??= values?.FirstOrDefault();
        }
        traceId = XRayTraceHeader.ToTraceParent(header) ?? XRayTraceHeader.ToTraceParent(invocationTraceHeader());
    }

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) =>
        _w3c.ExtractBaggage(carrier, getter);
}
