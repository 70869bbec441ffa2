namespace ImageService.Api.Jobs;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Error, Message = "SQS message {MessageId} could not be handled; SQS delivers it again")]
    public static partial void MessageFailed(ILogger logger, Exception exception, string messageId);
}
