using Amazon.CDK;
using Constructs;
using ImageService.Infra.Constructs;
using ImageService.Routes;

namespace ImageService.Infra;

/// <summary>
/// One stage of ImageService: data, functions, the HTTP API and the CDN, with each function's grants spelled out
/// next to the resources. Dependency order (no cycles): HTTP API -> distribution -> delete function's environment
/// and invalidation grant -> the DELETE route. The distribution's origin is the API's domain, which needs only the
/// API resource, never its routes.
/// </summary>
public sealed class ImageServiceStack : Stack
{
    public const string DistributionIdVariable = "Storage__Aws__CloudFrontDistributionId";

    /// <summary>The CloudWatch namespace of the functions' own metrics (Embedded Metric Format log lines).</summary>
    public static string MetricsNamespaceFor(string stage) => $"ImageService/{stage}";

    public static string StackNameFor(string stage) => $"ImageService-{stage}";

    /// <summary>The management API's base URL (what the dashboard calls).</summary>
    public string ApiUrl { get; }

    public DeliveryCdn Cdn { get; }

    public ApiIdentity Identity { get; }

    /// <summary>glibc's cap on malloc arenas, read at process start.</summary>
    public const string MallocArenaMaxVariable = "MALLOC_ARENA_MAX";

    public ImageServiceStack(Construct scope, ImageServiceStackProps props)
        : base(scope, StackNameFor(props?.Stage.Name ?? throw new ArgumentNullException(nameof(props))), new StackProps
        {
            Description = $"ImageService ({props.Stage.Name}): image upload, catalogue and delivery",
        })
    {
        var stage = props.Stage;
        Amazon.CDK.Tags.Of(this).Add("service", "ImageService");
        Amazon.CDK.Tags.Of(this).Add("stage", stage.Name);

        var data = new ImageData(this, "Data", new ImageDataProps
        {
            RetainData = stage.RetainData,
            Versioning = stage.BucketVersioning,
            CorsAllowedOrigins = stage.CorsAllowedOrigins,
        });
        var functions = new ServiceFunctions(this, "Functions", new ServiceFunctionsProps
        {
            ArtifactDirectory = props.ArtifactDirectory,
            BillingArtifactDirectory = props.BillingArtifactDirectory,
            MemorySizeMb = stage.MemorySizeMb,
            LogRetentionDays = stage.LogRetentionDays,
            RetainLogs = stage.RetainData,
            Environment = new Dictionary<string, string>
            {
                ["Storage__Backend"] = "Aws",
                ["Storage__Aws__TableName"] = data.Table.TableName,
                ["Storage__Aws__BucketName"] = data.Bucket.BucketName,
                ["Storage__Aws__Accounts__TableName"] = data.Accounts.TableName,
                ["Observability__MetricsNamespace"] = MetricsNamespaceFor(stage.Name),
                // glibc gives each libvips worker thread its own malloc arena, each left holding a render's buffers:
                // one arena keeps one set, flat from the first minute (the soak: 165 MB in two arenas, still growing
                // for 10 minutes, against 97 MB in one, at the same throughput; RESULTS-soak.md).
                [MallocArenaMaxVariable] = "1",
            },
        });
        GrantLeastPrivilege(data, functions);
        var jobs = new JobProcessing(this, "Jobs", new JobProcessingProps { RetainData = stage.RetainData });
        ConfigureJobs(data, functions, jobs);

        _ = new BillingResources(this, "Billing", new BillingResourcesProps { Function = functions.Billing, Retain = stage.RetainData });

        // Only GET /images issues and reads cursors, so only list holds the key.
        var cursorKey = new PagingCursorKey(this, "CursorKey", new PagingCursorKeyProps { Retain = stage.RetainData });
        cursorKey.ConfigureOn(functions.List);

        var identity = new ApiIdentity(this, "Identity", new ApiIdentityProps
        {
            ExistingIssuer = stage.JwtIssuer,
            ExistingAudience = stage.JwtAudience,
            RetainUsers = stage.RetainData,
        });
        var api = new ServiceApi(this, "Api", new ServiceApiProps
        {
            Functions = functions,
            Identity = identity,
            CorsAllowedOrigins = stage.CorsAllowedOrigins,
            DomainName = stage.ApiDomainName,
            CertificateArn = stage.ApiCertificateArn,
        });
        var accessLogs = new CdnAccessLogs(this, "CdnLogs", new CdnAccessLogsProps { RetainData = stage.RetainData });
        accessLogs.InvokeOnNewLogs(functions.CdnLogs);
        var cdn = new DeliveryCdn(this, "Cdn", new DeliveryCdnProps
        {
            Api = api.Api,
            Bucket = data.Bucket,
            LogBucket = accessLogs.Bucket,
            PriceClass = stage.PriceClass,
            DomainName = stage.CdnDomainName,
            CertificateArn = stage.CdnCertificateArn,
        });

        data.GrantDistributionRead(cdn.Distribution, StoragePrefixes.Renditions);

        // Only delete, update and account may invalidate: a deleted image, a path that no longer names an image, or a
        // changed or deleted variant must stop being served from the edge at once.
        foreach (var function in new[] { functions.Delete, functions.Update, functions.Account })
        {
            function.AddEnvironment(DistributionIdVariable, cdn.Distribution.DistributionId);
            cdn.Distribution.GrantCreateInvalidation(function);
        }

        var monitoring = new ServiceMonitoring(this, "Monitoring", new ServiceMonitoringProps
        {
            Api = api.Api,
            Functions = functions,
            Distribution = cdn.Distribution,
            MetricsNamespace = MetricsNamespaceFor(stage.Name),
        });
        // The jobs DLQ alarms on its first message, through the one topic (ServiceMonitoring).
        monitoring.AddDeadLetterQueueAlarm("Jobs", jobs.DeadLetterQueue);
        // The queue's own depth and age come from SQS's metrics (no gauge of ours is needed on AWS).
        monitoring.AddWorkQueueAlarm("Jobs", jobs.Queue);
        // The billing function answers the Stripe webhook: refused or failed deliveries mean plans stop following payments.
        monitoring.AddWebhookErrorRateAlarm(ServiceRoutes.HandlerName(RouteGroup.Billing));

        (ApiUrl, Cdn, Identity) = (api.Url, cdn, identity);
        AddOutputs(api, cdn, identity, data, accessLogs);
        _ = new CfnOutput(this, "AlarmTopicArn", new CfnOutputProps
        {
            Value = monitoring.Topic.TopicArn,
            Description = "SNS topic every alarm notifies: subscribe the on-call (e-mail, chat, pager)",
        });
        _ = new CfnOutput(this, "JobsDeadLetterQueueUrl", new CfnOutputProps { Value = jobs.DeadLetterQueue.QueueUrl });
    }

    /// <summary>
    /// Each route group gets exactly what its handlers call. get and list never write; list never reads objects; only
    /// transform writes derived results; only delete removes objects.
    /// </summary>
    private static void GrantLeastPrivilege(ImageData data, ServiceFunctions functions)
    {
        // Inline uploads store the original and renditions; presigned uploads land in uploads/, and completion reads
        // them, then removes them. UpdateItem/GetItem: completion turns the pending record Ready. DeleteItem: a path
        // claim is rolled back when its image write fails.
        data.GrantItems(functions.Upload, "PutItem", "UpdateItem", "GetItem", "DeleteItem");
        data.GrantObjects(functions.Upload, ["PutObject"], StoragePrefixes.Originals, StoragePrefixes.Renditions, StoragePrefixes.Uploads);
        data.GrantObjects(functions.Upload, ["GetObject", "DeleteObject"], StoragePrefixes.Uploads);

        // DescribeTable: GET /health's storage readiness probe runs in this function.
        data.GrantItems(functions.Get, "GetItem", "Query", "DescribeTable");
        data.GrantObjects(functions.Get, ["GetObject"], StoragePrefixes.Originals, StoragePrefixes.Renditions);

        data.GrantItems(functions.List, "Query");

        // Updates are conditional puts on the version; a failed condition reads the current record to tell 404 from 412.
        // DeleteItem: the claim of a path the image gives up. The account (its public key and custom domains) names the
        // CDN paths to purge when a path moves, and when an image is deleted.
        data.GrantItems(functions.Update, "GetItem", "UpdateItem", "PutItem", "DeleteItem");

        data.GrantItems(functions.Delete, "GetItem", "DeleteItem");
        data.GrantObjects(functions.Delete, ["DeleteObject"],
            StoragePrefixes.Originals, StoragePrefixes.Renditions, StoragePrefixes.Derived, StoragePrefixes.Uploads);
        data.GrantListing(functions.Delete, StoragePrefixes.Derived);

        data.GrantItems(functions.Transform, "GetItem");
        // Delivery resolves the public key to its account (lookup, then the account) and counts usage and rate
        // windows with atomic ADDs.
        data.GrantAccountItems(functions.Transform, "GetItem", "UpdateItem");

        // Account management: keys, variants and their lookups are written conditionally, a lost race deletes its lookup.
        // GetItem on images: POST /account/signed-urls signs only the caller's own Ready images. Query and DeleteObject on
        // derived/: a changed or deleted variant removes its results from every image of the owner (keys computed, no listing).
        data.GrantAccountItems(functions.Account, "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query");
        data.GrantItems(functions.Account, "GetItem", "Query");
        data.GrantObjects(functions.Account, ["DeleteObject"], StoragePrefixes.Derived);

        // Every management function authenticates X-API-Key callers (/server/…): the key's lookup item, then its
        // account. Update and delete also read the account to name the CDN paths they purge.
        foreach (var function in new[] { functions.Upload, functions.Get, functions.List, functions.Update, functions.Delete })
        {
            data.GrantAccountItems(function, "GetItem");
        }
        // Log ingest: GetItem resolves public keys and custom domains to accounts and reads a log object's claim;
        // PutItem claims the object, UpdateItem adds edge counters and finishes the claim (DynamoDbCdnLogLedger). It
        // reads the log bucket (CdnAccessLogs.InvokeOnNewLogs) and nothing of the images.
        data.GrantAccountItems(functions.CdnLogs, "GetItem", "PutItem", "UpdateItem");

        // Billing: accounts (the customer and subscription state, conditional version writes), webhook events and the
        // meter-report ledger (conditional puts, markers deleted once done, Query by partition), usage reads. No images.
        data.GrantAccountItems(functions.Billing, "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query");
        data.GrantObjects(functions.Transform, ["GetObject"], StoragePrefixes.Originals, StoragePrefixes.Derived);
        data.GrantObjects(functions.Transform, ["PutObject"], StoragePrefixes.Derived);
    }

    /// <summary>The jobs function starts jobs (it enumerates an album's images and checks variants and keys); upload
    /// starts the eager-variants job of each new image; the worker renders variants (as delivery does) and stores
    /// workflow results as new images.</summary>
    private static void ConfigureJobs(ImageData data, ServiceFunctions functions, JobProcessing jobs)
    {
        foreach (var function in new[] { functions.Jobs, functions.Upload, functions.Worker })
        {
            jobs.ConfigureOn(function);
        }
        jobs.GrantManage(functions.Jobs);
        jobs.GrantStart(functions.Upload);
        jobs.AttachWorker(functions.Worker);

        data.GrantItems(functions.Jobs, "GetItem", "Query");
        data.GrantAccountItems(functions.Jobs, "GetItem", "Query");
        data.GrantAccountItems(functions.Upload, "Query");

        data.GrantItems(functions.Worker, "GetItem", "PutItem");
        data.GrantAccountItems(functions.Worker, "GetItem", "Query", "UpdateItem");
        data.GrantObjects(functions.Worker, ["GetObject"], StoragePrefixes.Originals, StoragePrefixes.Derived);
        data.GrantObjects(functions.Worker, ["PutObject"], StoragePrefixes.Derived, StoragePrefixes.Originals, StoragePrefixes.Renditions);
    }

    private void AddOutputs(ServiceApi api, DeliveryCdn cdn, ApiIdentity identity, ImageData data, CdnAccessLogs accessLogs)
    {
        _ = new CfnOutput(this, "ApiUrl", new CfnOutputProps { Value = api.Url, Description = "Management API base URL" });
        _ = new CfnOutput(this, "CdnDomain", new CfnOutputProps
        {
            Value = cdn.Distribution.DistributionDomainName,
            Description = "CloudFront domain for delivery URLs: https://{domain}/{publicKey}/{image}?w=...",
        });
        _ = new CfnOutput(this, "DistributionId", new CfnOutputProps { Value = cdn.Distribution.DistributionId });
        _ = new CfnOutput(this, "JwtIssuer", new CfnOutputProps { Value = identity.Issuer });
        if (identity.UserPool is not null && identity.Client is not null)
        {
            _ = new CfnOutput(this, "UserPoolId", new CfnOutputProps { Value = identity.UserPool.UserPoolId });
            _ = new CfnOutput(this, "UserPoolClientId", new CfnOutputProps { Value = identity.Client.UserPoolClientId });
        }

        _ = new CfnOutput(this, "TableName", new CfnOutputProps { Value = data.Table.TableName });
        _ = new CfnOutput(this, "AccountsTableName", new CfnOutputProps { Value = data.Accounts.TableName });
        _ = new CfnOutput(this, "BucketName", new CfnOutputProps { Value = data.Bucket.BucketName });
        _ = new CfnOutput(this, "CdnLogBucketName", new CfnOutputProps
        {
            Value = accessLogs.Bucket.BucketName,
            Description = "CloudFront access logs (cdn/), ingested into edge usage; copies can be backfilled with ingest-cdn-logs",
        });
    }
}
