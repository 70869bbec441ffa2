using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using ImageService.Infra.Configuration;
using ImageService.Routes;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;

namespace ImageService.Infra.Constructs;

/// <summary>
/// One Lambda function per route group (<see cref="RouteGroup"/>; its handler names the group the API maps), all from
/// the same published Native AOT <c>bootstrap</c> (provided.al2023, x86_64) except billing, which runs the managed
/// publish of the same code with Stripe.net (not AOT-safe).
/// Each function gets its own role (CDK's default), so grants made on one never reach another.
/// </summary>
public sealed class ServiceFunctions : Construct
{
    /// <summary>API Gateway HTTP API integrations give up after 30 s; the function should fail first, visibly.</summary>
    private static readonly Duration Timeout = Duration.Seconds(29);

    /// <summary>Event-driven functions answer no HTTP client; a log object of a busy hour takes longer to read. It must
    /// stay under the DynamoDB ledger's claim lease (2 minutes, DynamoDbCdnLogLedger), so a timed-out invocation's
    /// claim is taken over only once that invocation is surely dead.</summary>
    private static readonly Duration EventTimeout = Duration.Seconds(60);

    private readonly ServiceFunctionsProps _props;
    private readonly AssetCode _code;
    private readonly AssetCode _billingCode;

    private readonly Dictionary<RouteGroup, LambdaFunction> _functions = [];

    public LambdaFunction Upload => For(RouteGroup.Upload);

    /// <summary>Reads metadata and objects; also answers GET /health.</summary>
    public LambdaFunction Get => For(RouteGroup.Get);

    public LambdaFunction List => For(RouteGroup.List);

    public LambdaFunction Update => For(RouteGroup.Update);

    public LambdaFunction Delete => For(RouteGroup.Delete);

    /// <summary>Renders transforms and stores derived results: the delivery routes behind CloudFront and
    /// GET /images/{id}/content.</summary>
    public LambdaFunction Transform => For(RouteGroup.Transform);

    /// <summary>The caller's account, API keys, signed URLs and usage.</summary>
    public LambdaFunction Account => For(RouteGroup.Account);

    /// <summary>Checkout, portal, the Stripe webhook and the hourly meter reports (managed artifact).</summary>
    public LambdaFunction Billing => For(RouteGroup.Billing);

    /// <summary>Turns new CDN access log objects (S3 notifications) into edge usage; no HTTP routes.</summary>
    public LambdaFunction CdnLogs => For(RouteGroup.CdnLogs);

    /// <summary>/jobs and /workflows: starts jobs.</summary>
    public LambdaFunction Jobs => For(RouteGroup.Jobs);

    /// <summary>The jobs queue's consumer (SQS event source); no HTTP routes.</summary>
    public LambdaFunction Worker => For(RouteGroup.Worker);

    public IReadOnlyList<LambdaFunction> All => [.. _functions.Values];

    public ServiceFunctions(Construct scope, string id, ServiceFunctionsProps props) : base(scope, id)
    {
        _props = props ?? throw new ArgumentNullException(nameof(props));
        // One asset object: every function points at the same staged zip.
        var functionFiles = new Amazon.CDK.AWS.S3.Assets.AssetOptions { Exclude = LambdaArtifact.NotDeployed };
        _code = Code.FromAsset(LambdaArtifact.RequireArtifact(props.ArtifactDirectory), functionFiles);
        _billingCode = Code.FromAsset(LambdaArtifact.RequireBillingArtifact(props.BillingArtifactDirectory), functionFiles);
        foreach (var group in Enum.GetValues<RouteGroup>())
        {
            _functions.Add(group, Create(group));
        }
    }

    /// <summary>The function that serves <paramref name="group"/>'s routes (<see cref="ServiceRoutes"/>).</summary>
    public LambdaFunction For(RouteGroup group) => _functions[group];

    private LambdaFunction Create(RouteGroup group)
    {
        var id = group.ToString();
        var description = Describe(group);
        var logs = new LogGroup(this, id + "Logs", new LogGroupProps
        {
            Retention = RetentionPeriods.FromDays(_props.LogRetentionDays),
            RemovalPolicy = _props.RetainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        return new LambdaFunction(this, id, new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = Architecture.X86_64,
            Handler = ServiceRoutes.HandlerName(group),
            Code = group == RouteGroup.Billing ? _billingCode : _code,
            Description = description,
            MemorySize = _props.MemorySizeMb,
            Timeout = group == RouteGroup.Worker ? JobProcessing.WorkerTimeout : ServiceRoutes.EventDriven.Contains(group) ? EventTimeout : Timeout,
            LogGroup = logs,
            Environment = _props.Environment.ToDictionary(),
        });
    }

    /// <summary>What the console shows a function serves, straight from the route table: methods per path
    /// (<c>GET|PATCH /account</c>), cut at Lambda's 256-character limit on descriptions.</summary>
    internal static string Describe(RouteGroup group)
    {
        const int MaxLength = 256;
        if (group == RouteGroup.CdnLogs)
        {
            return "S3 notifications of new CloudFront access logs -> edge usage";
        }

        if (group == RouteGroup.Worker)
        {
            return "Jobs worker: the jobs queue's SQS batches (render-variants, workflows, callbacks)";
        }
        var text = string.Join(", ", ServiceRoutes.All.Where(r => r.Group == group)
            .GroupBy(r => r.Path, StringComparer.Ordinal)
            .Select(p => $"{string.Join('|', p.Select(r => r.Method).Distinct(StringComparer.Ordinal))} {p.Key}"));
        return text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
    }
}
