using ImageService.Core.Imaging;
using ImageService.Core.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace ImageService.Api.Problems;

/// <summary>Maps exceptions to problem types of <see cref="ProblemTypes"/>. Expected failures (bad images, storage outages, lost races)
/// keep their message as the detail; anything else is a 500 whose detail hides the exception.</summary>
public sealed partial class ApiExceptionHandler(ApiProblems problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (type, detail) = exception switch
        {
            EmptyImageException e => (ProblemTypes.Validation, e.Message),
            UnrecognizedImageFormatException or FormatNotAllowedException => (ProblemTypes.UnsupportedMediaType, exception.Message),
            ImageRejectedException => (ProblemTypes.UnprocessableImage, exception.Message),
            StorageUnavailableException => (ProblemTypes.StorageUnavailable, "Storage is unavailable; retry later."),
            RenderCapacityExceededException => (ProblemTypes.RenderQueueFull, exception.Message),
            PreconditionFailedException => (ProblemTypes.PreconditionFailed, "The image was changed by another request; fetch it and retry with its new ETag."),
            NotFoundException e => (ProblemTypes.NotFound, ProblemTypes.NotFoundDetail(e.Item)),
            ConflictException => (ProblemTypes.Conflict, exception.Message),
            BadHttpRequestException { StatusCode: 413 } => (ProblemTypes.TooLarge, "The request body is too large."),
            BadHttpRequestException e => (ProblemTypes.ForStatus(e.StatusCode).Type, e.Message),
            _ => (ProblemTypes.Internal, "An unexpected error occurred. Quote the correlationId when reporting it."),
        };
        // A bad request keeps its own status, also one the table has no row for (408, 431).
        var status = exception is BadHttpRequestException bad ? bad.StatusCode : ProblemTypes.Get(type).Status;
        if (status >= 500)
        {
            // The route template, never the path: a path can carry an upload or large-result token.
            LogFailure(logger, exception, status, httpContext.Request.Method,
                httpContext.Features.Get<Observability.RequestLogContext>()?.Route ?? "(no route)");
            if (status == 503)
            {
                httpContext.Response.Headers.RetryAfter = "5";
            }
        }
        await problems.WriteAsync(httpContext, status, detail, type).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed with {Status}: {Method} {Route}")]
    private static partial void LogFailure(ILogger logger, Exception exception, int status, string method, string route);
}
