namespace ImageService.Lambda.Runtime;

/// <summary>One event handed out by <c>/runtime/invocation/next</c>, with the headers that describe it.</summary>
internal sealed record LambdaInvocation(
    string AwsRequestId,
    DateTimeOffset? Deadline,
    string? InvokedFunctionArn,
    string? TraceId,
    byte[] Payload) : ILambdaInvocationFeature;
