using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.EventSources;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SQS;
using Constructs;
using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;

namespace ImageService.Infra.Constructs;

/// <summary>
/// Background jobs: the jobs table (key names as shared/ImageService.Storage.Aws/Jobs/JobsTable.cs), the jobs queue
/// with its dead-letter queue (redrive after <see cref="JobProcessingProps.MaxReceiveCount"/> receives) and an alarm
/// as soon as anything lands there, the workflow provider's API key secret (its value is set by an operator), and the
/// SQS event source of the worker function with partial batch responses.
/// </summary>
public sealed class JobProcessing : Construct
{
    /// <summary>The worker may poll a provider's run for minutes; Lambda allows 15.</summary>
    public static readonly Duration WorkerTimeout = Duration.Minutes(5);

    /// <summary>How often the worker sweeps the outbox on AWS (the embedded worker uses Jobs:OutboxSweepInterval).</summary>
    public static readonly Duration OutboxSweepRate = Duration.Minutes(5);

    public Table Table { get; }

    public Queue Queue { get; }

    public Queue DeadLetterQueue { get; }

    public Secret ProviderApiKey { get; }

    private readonly JobProcessingProps _props;

    public JobProcessing(Construct scope, string id, JobProcessingProps props) : base(scope, id)
    {
        _props = props ?? throw new ArgumentNullException(nameof(props));
        var removal = props.RetainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        Table = new Table(this, "Jobs", new TableProps
        {
            PartitionKey = new Attribute { Name = "pk", Type = AttributeType.STRING },
            SortKey = new Attribute { Name = "sk", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = TableEncryption.AWS_MANAGED,
            RemovalPolicy = removal,
        });
        DeadLetterQueue = new Queue(this, "DeadLetters", new QueueProps
        {
            RetentionPeriod = Duration.Days(14),
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
        });
        Queue = new Queue(this, "Queue", new QueueProps
        {
            // AWS's guidance for Lambda event sources: six times the function's timeout.
            VisibilityTimeout = Duration.Seconds(WorkerTimeout.ToSeconds() * 6),
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            DeadLetterQueue = new DeadLetterQueue { Queue = DeadLetterQueue, MaxReceiveCount = props.MaxReceiveCount },
        });
        ProviderApiKey = new Secret(this, "ProviderApiKey", new SecretProps
        {
            Description = "API key of the workflow provider (Workflows:Provider:ApiKeySecretArn); set its value after deploying.",
            RemovalPolicy = removal,
        });
    }

    /// <summary>Where the queue and table are, for every function that starts or runs jobs.</summary>
    public void ConfigureOn(LambdaFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        function.AddEnvironment("Storage__Aws__Jobs__TableName", Table.TableName);
        function.AddEnvironment("Storage__Aws__Jobs__QueueUrl", Queue.QueueUrl);
        function.AddEnvironment("Storage__Aws__Jobs__DeadLetterQueueUrl", DeadLetterQueue.QueueUrl);
        function.AddEnvironment("Jobs__MaxAttempts", _props.MaxReceiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Starting jobs: write the job, its items and its outbox entry, enqueue their messages, then clear the
    /// entry (no receive, no message delete).</summary>
    public void GrantStart(IGrantable function)
    {
        GrantJobItems(function, "PutItem", "BatchWriteItem", "DeleteItem");
        Queue.GrantSendMessages(function);
    }

    /// <summary>The jobs API: start, read, list and cancel the caller's jobs.</summary>
    public void GrantManage(IGrantable function)
    {
        GrantStart(function);
        GrantJobItems(function, "GetItem", "UpdateItem", "Query");
    }

    /// <summary>The rule that invokes the worker to sweep the jobs outbox (<c>/_lambda/scheduled</c>): what a crash
    /// between storing a job and enqueueing its messages, or between settling it and enqueueing its callback, left.</summary>
    public Amazon.CDK.AWS.Events.Rule? OutboxSweep { get; private set; }

    /// <summary>The worker: SQS batches from the event source (consume, change visibility, re-send deferred and callback
    /// messages), the dead-letter queue (it moves messages it gives up on), job updates, its callbacks' outbox entries,
    /// the outbox sweep every few minutes, the provider's key.</summary>
    public void AttachWorker(LambdaFunction worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        worker.AddEventSource(new SqsEventSource(Queue, new SqsEventSourceProps { BatchSize = 10, ReportBatchItemFailures = true }));
        Queue.GrantConsumeMessages(worker);
        Queue.GrantSendMessages(worker);
        DeadLetterQueue.GrantSendMessages(worker);
        GrantJobItems(worker, "GetItem", "UpdateItem", "PutItem", "DeleteItem", "Query");
        OutboxSweep = new Amazon.CDK.AWS.Events.Rule(this, "OutboxSweep", new Amazon.CDK.AWS.Events.RuleProps
        {
            Description = "Re-enqueues job items and callbacks that a crash left in the jobs outbox.",
            Schedule = Amazon.CDK.AWS.Events.Schedule.Rate(OutboxSweepRate),
            Targets = [new Amazon.CDK.AWS.Events.Targets.LambdaFunction(worker, new Amazon.CDK.AWS.Events.Targets.LambdaFunctionProps { RetryAttempts = 2 })],
        });
        ProviderApiKey.GrantRead(worker);
        worker.AddEnvironment("Workflows__Provider__ApiKeySecretArn", ProviderApiKey.SecretArn);
    }

    private void GrantJobItems(IGrantable grantee, params string[] actions) =>
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = actions.Select(a => "dynamodb:" + a).ToArray(),
            Resources = [Table.TableArn],
        }));
}
