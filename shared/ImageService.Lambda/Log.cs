using Microsoft.Extensions.Logging;

namespace ImageService.Lambda;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "The application failed to handle the request; answering 500")]
    public static partial void UnhandledException(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "The invocation is neither an HTTP API 2.0 event nor an SQS, S3 or scheduled event: {Problem}")]
    public static partial void InvalidEvent(ILogger logger, string problem);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "An OnCompleted callback failed")]
    public static partial void OnCompletedFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "The response of {ResponseBytes} bytes exceeds Lambda's payload limit")]
    public static partial void ResponseTooLarge(ILogger logger, int responseBytes);

    [LoggerMessage(EventId = 5, Level = LogLevel.Critical, Message = "The Lambda Runtime API failed; stopping the application")]
    public static partial void RuntimeApiFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Serving HTTP API events from the Lambda Runtime API at {RuntimeApi}")]
    public static partial void Polling(ILogger logger, string runtimeApi);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "The application failed to handle the {Source} event")]
    public static partial void UnhandledEventException(ILogger logger, ImageService.Lambda.Events.LambdaEventSource source, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "The application answered the {Source} event with {StatusCode}; reporting an invocation error")]
    public static partial void EventFailed(ILogger logger, ImageService.Lambda.Events.LambdaEventSource source, int statusCode);
}
