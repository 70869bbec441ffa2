using System.ComponentModel.DataAnnotations;
using ImageService.Api.Hosting.Configuration;

namespace ImageService.Api.Jobs;

/// <summary>Configuration section <c>Jobs</c>: the queue's retry policy, the embedded worker, callbacks.</summary>
public sealed record JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Deliveries of one message before it is dead-lettered and its item counts as failed. On AWS it must
    /// equal the queue's redrive <c>maxReceiveCount</c> (the CDK stack sets both from one value).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; each next one doubles, up to <see cref="RetryMaxDelay"/>, with full jitter.</summary>
    [TimeSpanRange("00:00:00.001", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [TimeSpanRange("00:00:00.001", "12:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a received message stays invisible: a worker that dies leaves its item to be retried after this.</summary>
    [TimeSpanRange("00:00:00.050", "12:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The embedded worker (a hosted service polling the queue) runs in this process. Never in a Lambda
    /// function: there the worker function receives the queue's messages as SQS events.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Items the embedded worker processes at once.</summary>
    [Range(1, 64)]
    public int WorkerConcurrency { get; set; } = 2;

    /// <summary>How often the embedded worker sweeps the outbox (<see cref="JobOutboxSweeper"/>); it also sweeps at start.</summary>
    [TimeSpanRange("00:00:00.050", "1.00:00:00")]
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An outbox entry older than this lost its enqueue to a crash (the enqueue itself takes milliseconds).</summary>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan OutboxGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most items (images x variants) one job may have.</summary>
    [Range(1, 100_000)]
    public int MaxItemsPerJob { get; set; } = 5_000;

    /// <summary>One callback POST's time limit.</summary>
    [TimeSpanRange("00:00:00.100", "00:05:00")]
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Tests only: lets callbacks reach loopback and private addresses over plain http.</summary>
    public bool CallbackAllowPrivateNetworks { get; set; }
}
