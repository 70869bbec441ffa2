using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using ImageService.Infra.Configuration;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;

namespace ImageService.Infra.Constructs;

/// <summary>
/// One Lambda function per route group, all from the same published Native AOT <c>bootstrap</c> (provided.al2023, x86_64).
/// Each function gets its own role (CDK's default), so grants made on one never reach another.
/// </summary>
public sealed class ServiceFunctions : Construct
{
    /// <summary>API Gateway HTTP API integrations give up after 30 s; the function should fail first, visibly.</summary>
    private static readonly Duration Timeout = Duration.Seconds(29);

    private readonly ServiceFunctionsProps _props;
    private readonly AssetCode _code;

    public LambdaFunction Upload { get; }

    /// <summary>Reads metadata and objects; also answers GET /health.</summary>
    public LambdaFunction Get { get; }

    public LambdaFunction List { get; }

    public LambdaFunction Update { get; }

    public LambdaFunction Delete { get; }

    /// <summary>Renders transforms and stores derived results: the delivery route behind CloudFront and
    /// GET /images/{id}/content.</summary>
    public LambdaFunction Transform { get; }

    /// <summary>The caller's account, API keys, signed URLs and usage.</summary>
    public LambdaFunction Account { get; }

    public IReadOnlyList<LambdaFunction> All => [Upload, Get, List, Update, Delete, Transform, Account];

    public ServiceFunctions(Construct scope, string id, ServiceFunctionsProps props) : base(scope, id)
    {
        _props = props ?? throw new ArgumentNullException(nameof(props));
        // One asset object: every function points at the same staged zip.
        _code = Code.FromAsset(LambdaArtifact.RequireArtifact(props.ArtifactDirectory));
        Upload = Create("Upload", RouteGroups.Upload, "POST /images, presigned uploads and their completion");
        Get = Create("Get", RouteGroups.Get, "GET /images/{id}, its original and renditions; GET /health");
        List = Create("List", RouteGroups.List, "GET /images");
        Update = Create("Update", RouteGroups.Update, "PATCH /images/{id}");
        Delete = Create("Delete", RouteGroups.Delete, "DELETE /images/{id}");
        Account = Create("Account", RouteGroups.Account, "/account (keys, signed URLs) and /usage");
        Transform = Create("Transform", RouteGroups.Transform, "GET /{publicKey}/{path} behind CloudFront; GET /images/{id}/content");
    }

    private LambdaFunction Create(string id, string handler, string description)
    {
        var logs = new LogGroup(this, id + "Logs", new LogGroupProps
        {
            Retention = RetentionPeriods.FromDays(_props.LogRetentionDays),
            RemovalPolicy = _props.RetainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        return new LambdaFunction(this, id, new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = Architecture.X86_64,
            Handler = handler,
            Code = _code,
            Description = description,
            MemorySize = _props.MemorySizeMb,
            Timeout = Timeout,
            LogGroup = logs,
            Environment = _props.Environment.ToDictionary(),
        });
    }
}
