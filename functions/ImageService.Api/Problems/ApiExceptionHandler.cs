using ImageService.Core.Imaging;
using ImageService.Core.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace ImageService.Api.Problems;

/// <summary>Maps exceptions to problem+json statuses. Expected failures (bad images, storage outages, lost races)
/// keep their message as the detail; anything else is a 500 whose detail hides the exception.</summary>
public sealed partial class ApiExceptionHandler(ApiProblems problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, detail, type) = exception switch
        {
            EmptyImageException e => (400, e.Message, (string?)null),
            UnrecognizedImageFormatException or FormatNotAllowedException => (415, exception.Message, null),
            ImageRejectedException => (422, exception.Message, null),
            StorageUnavailableException => (503, "Storage is unavailable; retry later.", null),
            PreconditionFailedException => (412, "The image was changed by another request; fetch it and retry with its new ETag.", null),
            NotFoundException => (404, "No image with this id exists.", null),
            ConflictException => (409, exception.Message, null),
            BadHttpRequestException { StatusCode: 413 } => (413, "The request body is too large.", null),
            BadHttpRequestException e => (e.StatusCode, e.Message, null),
            _ => (500, "An unexpected error occurred. Quote the correlationId when reporting it.", null),
        };
        if (status >= 500)
        {
            LogFailure(logger, exception, status, httpContext.Request.Method, httpContext.Request.Path);
            if (status == 503)
            {
                httpContext.Response.Headers.RetryAfter = "5";
            }
        }
        await problems.WriteAsync(httpContext, status, detail, type).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed with {Status}: {Method} {Path}")]
    private static partial void LogFailure(ILogger logger, Exception exception, int status, string method, string path);
}
