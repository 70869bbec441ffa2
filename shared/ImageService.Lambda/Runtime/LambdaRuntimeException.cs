using System.Net;

namespace ImageService.Lambda.Runtime;

/// <summary>The Runtime API refused a call or answered something this client cannot use.</summary>
internal sealed class LambdaRuntimeException(string message, HttpStatusCode? statusCode = null) : Exception(message)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;
}
