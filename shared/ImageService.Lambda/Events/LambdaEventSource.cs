namespace ImageService.Lambda.Events;

/// <summary>The non-HTTP event sources the Lambda host hands to the app, each as <c>POST /_lambda/{source}</c>.</summary>
public enum LambdaEventSource
{
    /// <summary>An SQS event source mapping's batch (<c>Records[].eventSource == "aws:sqs"</c>).</summary>
    Sqs,

    /// <summary>S3 event notifications (<c>Records[].eventSource == "aws:s3"</c>).</summary>
    S3,

    /// <summary>An EventBridge schedule (<c>"detail-type": "Scheduled Event"</c>).</summary>
    Scheduled,
}
