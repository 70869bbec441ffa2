using System.ComponentModel.DataAnnotations;

namespace ImageService.Storage.Aws.Jobs;

/// <summary>Settings of the AWS jobs backend, section <c>Storage:Aws:Jobs</c>: the jobs table and the SQS queues (the
/// CDK stack sets them in every function that starts or runs jobs).</summary>
public sealed class AwsJobsOptions
{
    public const string SectionName = "Storage:Aws:Jobs";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:Aws:Jobs:TableName must name the jobs table.")]
    public string TableName { get; set; } = "Jobs";

    /// <summary>The jobs queue; without it jobs cannot start (their POST answers 503).</summary>
    public Uri? QueueUrl { get; set; }

    /// <summary>The queue's dead-letter queue (its redrive target), where the worker moves a message it gives up on.</summary>
    public Uri? DeadLetterQueueUrl { get; set; }

    /// <summary>SQS endpoint (overrides AWS_ENDPOINT_URL_SQS); for emulators.</summary>
    public Uri? SqsServiceUrl { get; set; }
}
