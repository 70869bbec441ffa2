namespace ImageService.Api.Hosting;

/// <summary>The endpoint groups one process maps. Each Lambda function serves one group (its _HANDLER, named after
/// <see cref="ImageService.Routes.RouteGroup"/>); a local server serves all. Health is always mapped, OpenAPI with all
/// groups. What API Gateway routes to each group is <see cref="ImageService.Routes.ServiceRoutes"/>; RouteTableTests in
/// ImageService.Api.Tests hold the Map… extensions to it.</summary>
[Flags]
public enum ApiRouteGroups
{
    None = 0,
    /// <summary>POST /images, POST /images/uploads, POST /images/{id}/complete, PUT /uploads/{token}.</summary>
    Upload = 1,
    /// <summary>GET /images/{id} and its original, display and thumbnail bytes.</summary>
    Get = 2,
    /// <summary>GET /images.</summary>
    List = 4,
    /// <summary>PATCH /images/{id}.</summary>
    Update = 8,
    /// <summary>DELETE /images/{id}.</summary>
    Delete = 16,
    /// <summary>GET /images/{id}/content?&lt;transform&gt; and the delivery route GET /{publicKey}/{imageId}?&lt;transform&gt;.</summary>
    Transform = 32,
    /// <summary>/account (settings, keys, signed URLs) and /usage.</summary>
    Account = 64,
    /// <summary>/billing (plans, checkout, portal, the Stripe webhook) and the hourly schedule (meter reports).</summary>
    Billing = 128,
    /// <summary>No routes: the S3-notification endpoint that ingests CDN access logs (Lambda event, POST /_lambda/s3).</summary>
    CdnLogs = 256,
    /// <summary>/jobs and /workflows.</summary>
    Jobs = 512,
    /// <summary>The jobs worker: no HTTP routes, only the queue's SQS events (<c>/_lambda/sqs</c>) in its Lambda function.</summary>
    Worker = 1024,
    All = Upload | Get | List | Update | Delete | Transform | Account | Billing | CdnLogs | Jobs | Worker,
}
