using System.Diagnostics;
using ImageService.Api.Observability;

namespace ImageService.Api.Tests.Observability;

public sealed class LambdaTracePropagatorTests
{
    private const string Invocation = "Root=1-11111111-222222222222222222222222;Parent=3333333333333333;Sampled=1";

    [Fact]
    public void A_callers_traceparent_wins()
    {
        var traceparent = Extract(new() { ["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", ["X-Amzn-Trace-Id"] = Invocation });

        Assert.Equal("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", traceparent);
    }

    [Fact]
    public void Without_one_the_requests_xray_header_is_the_parent()
    {
        var traceparent = Extract(new() { ["X-Amzn-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0" });

        Assert.Equal("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00", traceparent);
    }

    [Fact]
    public void Else_the_invocations_trace_is()
    {
        Assert.Equal("00-11111111222222222222222222222222-3333333333333333-01", Extract([]));
    }

    [Fact]
    public void With_no_trace_at_all_asp_net_core_starts_a_new_one()
    {
        Assert.Null(Extract([], invocation: null));
    }

    private static string? Extract(Dictionary<string, string> headers, string? invocation = Invocation)
    {
        var propagator = new LambdaTracePropagator(() => invocation);
        propagator.ExtractTraceIdAndState(headers, static (carrier, name, out value, out values) =>
        {
            values = null;
            value = ((Dictionary<string, string>)carrier!).FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        }, out var traceId, out _);
        return traceId;
    }
}
