using System.ComponentModel.DataAnnotations;

namespace ImageService.Api.Observability;

/// <summary>Configuration section <c>Observability</c>.</summary>
public sealed record ObservabilityOptions
{
    public const string SectionName = "Observability";

    /// <summary>Serve Prometheus text at /metrics on Kestrel. Unset: on in Development, off elsewhere. Never in Lambda
    /// (metrics go to CloudWatch as EMF log lines there).</summary>
    public bool? PrometheusEndpoint { get; set; }

    /// <summary>A bearer token that opens /metrics to callers that are not on loopback (compared in constant time).</summary>
    [RegularExpression(@"^\S{16,}$", ErrorMessage = "Observability:MetricsKey must be at least 16 characters, without spaces.")]
    public string? MetricsKey { get; set; }

    /// <summary>Answer /metrics to loopback callers without the key. Turn off when a reverse proxy on the same host
    /// forwards outside requests (they arrive from loopback).</summary>
    public bool AllowLoopback { get; set; } = true;

    /// <summary>The CloudWatch namespace of the Embedded Metric Format lines written in Lambda (CDK sets
    /// ImageService/{stage}).</summary>
    [RegularExpression(@"^[A-Za-z0-9 ._/#:-]{1,255}$", ErrorMessage = "Observability:MetricsNamespace must be 1-255 letters, digits or . _ / # : - characters.")]
    public string MetricsNamespace { get; set; } = "ImageService";
}
