namespace ImageService.Lambda;

/// <summary>
/// The Lambda invocation behind the current request, available through
/// <c>HttpContext.Features.Get&lt;ILambdaInvocationFeature&gt;()</c> when the app runs under <see cref="LambdaServer"/>.
/// </summary>
public interface ILambdaInvocationFeature
{
    /// <summary>Lambda's request id (Lambda-Runtime-Aws-Request-Id).</summary>
    string AwsRequestId { get; }

    /// <summary>When Lambda stops the invocation; null if the Runtime API gave no deadline.</summary>
    DateTimeOffset? Deadline { get; }

    /// <summary>The ARN the caller invoked (function, version or alias).</summary>
    string? InvokedFunctionArn { get; }

    /// <summary>The X-Ray trace header for this invocation.</summary>
    string? TraceId { get; }
}
