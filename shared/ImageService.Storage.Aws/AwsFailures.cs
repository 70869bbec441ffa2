using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using ImageService.Core.Storage;

namespace ImageService.Storage.Aws;

/// <summary>
/// Decides which SDK failures mean "the backend did not answer" (API: 503). The SDK has already retried with
/// backoff by the time these surface, so they are final for this request.
/// </summary>
internal static class AwsFailures
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
        "SlowDown", "ServiceUnavailable", "InternalError", "InternalServerError", "RequestTimeout",
    };

    public static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        // The caller gave up: not the backend's fault, let the cancellation flow.
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        // The SDK's own timeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException or TimeoutException or HttpRequestException or SocketException or IOException => true,
        AmazonServiceException service when (int)service.StatusCode >= 500
            || service.StatusCode == HttpStatusCode.TooManyRequests
            || (service.ErrorCode is { } code && ThrottlingCodes.Contains(code)) => true,
        _ => exception.InnerException is { } inner && IsUnavailable(inner, cancellationToken),
    };

    public static StorageUnavailableException Unavailable(string what, Exception exception) =>
        new($"{what} did not answer: {exception.Message}", exception);
}
