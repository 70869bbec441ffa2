namespace ImageService.Routes;

/// <summary>A slice of the API that one Lambda function serves. The function's handler (Lambda's <c>_HANDLER</c>) is
/// the group's name in lower case (<see cref="ServiceRoutes.HandlerName"/>), and the API maps only that slice.</summary>
public enum RouteGroup
{
    Upload,
    Get,
    List,
    Update,
    Delete,
    Transform,
    Account,
    Billing,
    /// <summary>No HTTP routes: ingests the CDN's access logs, invoked by S3 notifications of new log objects
    /// (<see cref="ServiceRoutes.EventDriven"/>).</summary>
    CdnLogs,
    /// <summary>/jobs and /workflows.</summary>
    Jobs,
    /// <summary>The jobs worker: no HTTP routes; its function is invoked by the jobs queue (SQS event source).</summary>
    Worker,
}
